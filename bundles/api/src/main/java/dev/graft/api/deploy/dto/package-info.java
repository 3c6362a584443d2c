/**
 * Data transfer objects of the deployment manager: modules, deployments (their history) and
 * dry-run answers, leak reports. Plain public fields, as OSGi DTOs.
 *
 * @since 1.0
 */
@Version("1.0.0")
package dev.graft.api.deploy.dto;

import org.osgi.annotation.versioning.Version;
