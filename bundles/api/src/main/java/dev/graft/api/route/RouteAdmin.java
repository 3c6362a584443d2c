package dev.graft.api.route;

import dev.graft.api.route.dto.FailureDTO;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.api.route.dto.RouteDecisionDTO;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The router's state and controls, for the shell, the admin API and tests: which routes exist and
 * in which state, which version a request would reach and why, and the weights of a canary.
 *
 * <h2>Version selection</h2>
 * Several versions of one module (the same bundle symbolic name) may serve the same route. Per
 * request, in this order:
 * <ol>
 * <li>{@value #VERSION_HEADER}: {@code 2} selects the highest active 2.x, {@code 1.1} the highest
 *     1.1.x, {@code 1.0.0} exactly that version; no match is {@code 404} with a JSON body listing the
 *     versions that exist;</li>
 * <li>the canary header (default {@value #CANARY_HEADER}): {@code always} selects the canary (the
 *     weighted version with the smallest weight; 0 makes a dark canary), {@code never} the others;</li>
 * <li>weights (see {@link #setWeights}): a sticky split, by a key header or else the client address;</li>
 * <li>otherwise the highest active version serves everything.</li>
 * </ol>
 *
 * <p>Implemented by Graft; thread safe.
 *
 * @since 1.1
 */
@ProviderType
public interface RouteAdmin {

    /** Request header selecting a module version: a major ({@code 2}), a minor ({@code 1.1}) or an exact version. */
    String VERSION_HEADER = "X-API-Version";

    /** Default request header forcing ({@code always}) or avoiding ({@code never}) the canary. */
    String CANARY_HEADER = "X-Canary";

    /** Factory PID of a canary configuration (one per module or route), e.g. {@code etc/dev.graft.routing.canary-hello.cfg}. */
    String CANARY_FACTORY_PID = "dev.graft.routing.canary";

    /** @return every route the router knows, one entry per route version, ordered by path, method and version */
    List<RouteDTO> routes();

    /**
     * @return what the router rejected and still keeps out — route services it cannot serve, canary
     *     configurations it cannot apply — oldest first
     * @since 1.2
     */
    List<FailureDTO> failures();

    /**
     * Explains which version would serve a request, without sending it.
     *
     * @param method the HTTP method
     * @param path the request path
     * @param headers request headers (name to value)
     * @param clientAddress the client address used as the sticky key when no key header is set
     * @return the decision and its reason
     */
    RouteDecisionDTO explain(String method, String path, Map<String, String> headers, String clientAddress);

    /**
     * Sets the weighted split between the versions of a module, or of one route, through
     * Configuration Admin (so it is persistent and the same as editing the {@code .cfg} file).
     *
     * @param target a module's symbolic name (or its last segment, e.g. {@code hello}), or a route
     *     as {@code "GET /hello"}
     * @param weights version (exact, e.g. {@code 1.0.0}) to a non-negative weight; empty removes the
     *     split, so the highest version serves everything
     * @param stickyHeader the request header whose value keeps a client on one version (an API key,
     *     a user id); {@code ""} for the client address; {@code null} keeps what is configured
     * @throws IllegalArgumentException with a readable message if a version or weight is invalid, if
     *     weights are given but no module or route of that name serves now or a version is not one
     *     of its versions (the message lists what exists), or if there is no split to remove
     * @throws IOException if the configuration cannot be stored
     */
    void setWeights(String target, Map<String, Integer> weights, String stickyHeader) throws IOException;

    /**
     * Requests no route served since the router started, with a status of one class: unknown paths
     * or versions, methods not allowed, requests answered by request-phase middleware, requests
     * turned away while their route was being updated. Requests a route served are counted by
     * route instead (route-phase middleware sees them); requests the Servlet Whiteboard served are
     * not the router's.
     *
     * @param statusClass 1 to 5 for 1xx to 5xx; 0 for a status outside 100–599
     * @return the count, or 0 for a class outside 0–5
     * @since 1.4
     */
    long unroutedRequests(int statusClass);
}
