/**
 * HTTP routes contributed by Graft modules.
 *
 * <p>A module contributes a route by registering a {@link dev.graft.api.route.RouteHandler}
 * service, usually a Declarative Services component annotated with
 * {@link dev.graft.api.route.RouteMapping}. Graft's router serves every such service from the
 * moment it is registered until it is unregistered; the version of a route is the version of the
 * bundle that registered it.
 *
 * <p>Compatibility: module authors implement {@code RouteHandler} ({@code @ConsumerType}), so a
 * minor version of this package never adds a method to it. {@code RouteRequest} and
 * {@code RouteResponse} are implemented by Graft ({@code @ProviderType}) and grow in minor versions;
 * a module compiled against 1.0 keeps working with every 1.x runtime.
 *
 * <p>1.1 adds {@link dev.graft.api.route.RouteAdmin} (what the shell and the admin API use to list
 * routes, explain a routing decision and set canary weights), {@link dev.graft.api.route.RouteListener}
 * (hooks on routes being added and removed) and the version-selection constants on
 * {@link dev.graft.api.route.RouteAdmin}.
 *
 * <p>1.2 adds {@link dev.graft.api.route.RouteInfo} (the chosen route, as route-aware middleware
 * sees it) and {@link dev.graft.api.route.RouteRequest#attribute(String)} (values middleware hands
 * to the route).
 *
 * <p>1.3 adds {@link dev.graft.api.route.ModuleTraffic}: the deployment manager tells the router
 * which version of a module is coming, serving or retiring.
 *
 * <p>1.4 adds {@link dev.graft.api.route.RouteAdmin#unroutedRequests(int)}: the router's own count of
 * requests no route served, by status class (what the metrics bundle exports).
 */
@Version("1.4.0")
package dev.graft.api.route;

import org.osgi.annotation.versioning.Version;
