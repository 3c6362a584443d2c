/**
 * Metrics: what Graft's Prometheus registry holds, read as plain samples (for the shell and tools
 * that do not speak the exposition format).
 *
 * <p>To add its own metrics a module uses the Prometheus Java client's types, which the
 * {@code dev.graft.metrics} bundle exports ({@code io.prometheus.metrics.core.metrics},
 * {@code io.prometheus.metrics.model.registry} …): it registers a
 * {@code io.prometheus.metrics.model.registry.Collector} or {@code MultiCollector} as a service
 * (a {@code Counter}, {@code Gauge} or {@code Histogram} built without {@code .register()} is one)
 * and Graft exposes it on {@code /metrics} until the service goes — at the latest when the module stops.
 *
 * @since 1.0
 */
@Version("1.0.0")
package dev.graft.api.metrics;

import org.osgi.annotation.versioning.Version;
