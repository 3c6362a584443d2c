/**
 * Data transfer objects describing the router's state. Plain public fields, as OSGi DTOs.
 *
 * <p>1.1 adds {@link dev.graft.api.route.dto.FailureDTO}.
 *
 * <p>1.2 adds {@link dev.graft.api.route.dto.TrafficDTO} and the route states {@code STANDBY} and
 * {@code RETIRED} of {@link dev.graft.api.route.dto.RouteDTO}.
 */
@Version("1.2.0")
package dev.graft.api.route.dto;

import org.osgi.annotation.versioning.Version;
