/**
 * Deploying modules: the deployment manager behind the {@code deploy/} folder, the {@code graft:}
 * shell commands and the admin API. A deployment stages a jar, verifies it, installs it beside the
 * version that serves, waits for it to become healthy, switches traffic (at once, by canary or by
 * hand), then retires the old version — or rolls the new one back with a failure code, while the
 * old version keeps serving.
 *
 * <p>1.1 adds {@link dev.graft.api.deploy.DeploymentService#pendingDeployments()} and
 * {@link dev.graft.api.deploy.DeploymentService#retiredInMemory()}, for readiness and metrics.
 *
 * @since 1.0
 */
@Version("1.1.0")
package dev.graft.api.deploy;

import org.osgi.annotation.versioning.Version;
