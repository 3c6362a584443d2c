/**
 * Data transfer objects describing the router's state. Plain public fields, as OSGi DTOs.
 *
 * <p>1.1 adds {@link dev.graft.api.route.dto.FailureDTO}.
 */
@Version("1.1.0")
package dev.graft.api.route.dto;

import org.osgi.annotation.versioning.Version;
