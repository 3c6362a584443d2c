/**
 * Middleware: code that modules run around requests (metrics, authentication, rate limits …).
 *
 * <p>A module contributes middleware by registering a {@link dev.graft.api.middleware.Middleware}
 * service. Middleware runs in {@link dev.graft.api.middleware.Middleware#ORDER order} for every
 * request whose path matches its {@link dev.graft.api.middleware.Middleware#PATTERN pattern},
 * before the route is selected; each decides whether to call the next one and so the route.
 *
 * <p>1.1 adds the route phase ({@link dev.graft.api.middleware.MiddlewarePhase}): middleware that runs
 * after the route and its version are chosen and sees them ({@link dev.graft.api.middleware.Exchange#route()}),
 * and request attributes through which middleware hands values to later middleware and the route.
 */
@Version("1.1.0")
package dev.graft.api.middleware;

import org.osgi.annotation.versioning.Version;
