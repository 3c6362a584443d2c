/**
 * Middleware: code that modules run around requests (metrics, authentication, rate limits …).
 *
 * <p>A module contributes middleware by registering a {@link dev.graft.api.middleware.Middleware}
 * service. Middleware runs in {@link dev.graft.api.middleware.Middleware#ORDER order} for every
 * request whose path matches its {@link dev.graft.api.middleware.Middleware#PATTERN pattern},
 * before the route is selected; each decides whether to call the next one and so the route.
 */
@Version("1.0.0")
package dev.graft.api.middleware;

import org.osgi.annotation.versioning.Version;
