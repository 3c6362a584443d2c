/**
 * Data transfer objects describing the router's state. Plain public fields, as OSGi DTOs.
 *
 * <p>1.1 adds {@link dev.graft.api.route.dto.FailureDTO}.
 *
 * <p>1.2 adds {@link dev.graft.api.route.dto.TrafficDTO} and the route states {@code STANDBY} and
 * {@code RETIRED} of {@link dev.graft.api.route.dto.RouteDTO}.
 *
 * <p>1.3 adds {@link dev.graft.api.route.dto.FailureDTO#serviceId}: which route service was rejected,
 * without reading it from the subject's text.
 */
@Version("1.3.0")
package dev.graft.api.route.dto;

import org.osgi.annotation.versioning.Version;
