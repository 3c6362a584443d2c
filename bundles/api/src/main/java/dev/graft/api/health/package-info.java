/**
 * Health: whether Graft is alive and ready to serve, and checks that modules contribute.
 *
 * <p>{@link dev.graft.api.health.HealthService} answers {@code GET /health/live} and
 * {@code GET /health/ready} and the {@code graft:health} command. A module adds its own check by
 * registering a {@link dev.graft.api.health.HealthCheck} service; a failing check makes Graft not
 * ready, a check that does not answer within its timeout is reported as timed out and counts as
 * failing, and the check goes when its module goes.
 *
 * @since 1.0
 */
@Version("1.0.0")
package dev.graft.api.health;

import org.osgi.annotation.versioning.Version;
