/**
 * What every part of Graft shares: the {@link dev.graft.api.FailureCode failure codes} that clients,
 * logs, the shell and the admin DTOs report.
 *
 * <p>1.1 adds the deployment codes ({@code E_CORRUPT_ARCHIVE} … {@code E_ERROR_RATE}, {@code E_PROTECTED},
 * {@code E_SIGNATURE}), and {@code E_EXIT_REFUSED} with the {@link dev.graft.api.ExitRefusedException}
 * that module code gets instead of ending the JVM.
 *
 * <p>1.2 adds the authentication codes ({@code E_AUTH_MISSING}, {@code E_AUTH_INVALID},
 * {@code E_AUTH_EXPIRED}, {@code E_AUTH_FORBIDDEN}, {@code E_AUTH_UNAVAILABLE}),
 * {@code E_RATE_LIMITED}, and the native bridge's codes ({@code E_NATIVE_MISSING} … {@code E_NATIVE_TIMEOUT}).
 */
@Version("1.2.0")
package dev.graft.api;

import org.osgi.annotation.versioning.Version;
