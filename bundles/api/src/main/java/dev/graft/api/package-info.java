/**
 * What every part of Graft shares: the {@link dev.graft.api.FailureCode failure codes} that clients,
 * logs, the shell and the admin DTOs report.
 *
 * <p>1.1 adds the deployment codes ({@code E_CORRUPT_ARCHIVE} … {@code E_ERROR_RATE}, {@code E_SIGNATURE}).
 */
@Version("1.1.0")
package dev.graft.api;

import org.osgi.annotation.versioning.Version;
