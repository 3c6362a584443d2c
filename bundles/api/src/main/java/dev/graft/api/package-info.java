/**
 * What every part of Graft shares: the {@link dev.graft.api.FailureCode failure codes} that clients,
 * logs, the shell and the admin DTOs report.
 */
@Version("1.0.0")
package dev.graft.api;

import org.osgi.annotation.versioning.Version;
