/**
 * Data transfer objects describing the router's state. Plain public fields, as OSGi DTOs.
 */
@Version("1.0.0")
package dev.graft.api.route.dto;

import org.osgi.annotation.versioning.Version;
