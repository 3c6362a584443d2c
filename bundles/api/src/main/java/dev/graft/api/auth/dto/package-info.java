/** Data transfer objects of {@link dev.graft.api.auth.AuthAdmin}: policies and test decisions. */
@Version("1.0.0")
package dev.graft.api.auth.dto;

import org.osgi.annotation.versioning.Version;
