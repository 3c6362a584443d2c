package dev.graft.metrics.internal.registry;

import dev.graft.api.metrics.MetricsService;
import dev.graft.api.metrics.SampleDTO;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Graft's one Prometheus registry: Graft's own metrics, the client's standard JVM metrics, and the
 * {@link Collector} and {@link MultiCollector} services modules register (the whiteboard: a module's
 * metrics are exposed while its service is registered, and vanish with it).
 */
@Component(service = {GraftRegistry.class, MetricsService.class})
public class GraftRegistry implements MetricsService {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Logger logger;
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    @Activate
    public GraftRegistry(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        // the client's standard JVM metrics (what JvmMetrics registers) but its allocation counters by
        // memory pool: they hang a listener on the JVM's GC MXBeans that is never removed and start the
        // client's scheduler thread, which never ends; either would keep this bundle's class loader in
        // memory after an update of the bundle
        PrometheusProperties config = PrometheusProperties.get();
        JvmThreadsMetrics.builder(config).register(registry);
        JvmBufferPoolMetrics.builder(config).register(registry);
        JvmClassLoadingMetrics.builder(config).register(registry);
        JvmCompilationMetrics.builder(config).register(registry);
        JvmGarbageCollectorMetrics.builder(config).register(registry);
        JvmMemoryMetrics.builder(config).register(registry);
        JvmNativeMemoryMetrics.builder(config).register(registry);
        JvmRuntimeInfoMetric.builder(config).register(registry);
        ProcessMetrics.builder(config).register(registry);
    }

    /** @return the registry Graft's own metrics are registered in */
    public PrometheusRegistry registry() {
        return registry;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCollector(Collector collector, ServiceReference<Collector> reference) {
        try {
            registry.register(collector);
        } catch (RuntimeException e) {
            logger.warn("ignoring the metric of {} (service {}): {}", owner(reference),
                    reference.getProperty("service.id"), e.getMessage());
        }
    }

    void removeCollector(Collector collector) {
        registry.unregister(collector);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMultiCollector(MultiCollector collector, ServiceReference<MultiCollector> reference) {
        try {
            registry.register(collector);
        } catch (RuntimeException e) {
            logger.warn("ignoring the metrics of {} (service {}): {}", owner(reference),
                    reference.getProperty("service.id"), e.getMessage());
        }
    }

    void removeMultiCollector(MultiCollector collector) {
        registry.unregister(collector);
    }

    /**
     * The writer for a scraper's {@code Accept} header: OpenMetrics when it asks for
     * {@code application/openmetrics-text}, else the Prometheus text format 0.0.4.
     */
    public ExpositionFormatWriter writer(String accept) {
        return openMetrics.accepts(accept) ? openMetrics : text;
    }

    /** Writes everything the registry holds now, in the writer's format. */
    public void write(ExpositionFormatWriter writer, OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    @Override
    public List<SampleDTO> samples(String nameFilter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(text, out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        String filter = nameFilter == null ? "" : nameFilter.trim();
        return TextSamples.parse(out.toString(StandardCharsets.UTF_8)).stream()
                .filter(s -> filter.isEmpty() || s.name.toLowerCase(java.util.Locale.ROOT)
                        .contains(filter.toLowerCase(java.util.Locale.ROOT)))
                .sorted(java.util.Comparator.comparing((SampleDTO s) -> s.name).thenComparing(s -> s.labels.toString()))
                .toList();
    }

    private static String owner(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? "an unregistered service" : bundle.getSymbolicName() + ":" + bundle.getVersion();
    }

}
