/**
 * What the native bridge reports about its libraries (shell, admin API).
 *
 * @since 1.0
 */
@Version("1.0.0")
package dev.graft.api.nativebridge.dto;

import org.osgi.annotation.versioning.Version;
