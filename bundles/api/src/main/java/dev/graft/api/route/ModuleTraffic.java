package dev.graft.api.route;

import dev.graft.api.route.dto.TrafficDTO;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Version;

/**
 * The router's side of a deployment: whoever installs, switches and removes module versions (Graft's
 * deployment manager) tells the router explicitly which version of a module is coming, serving or
 * retiring, so that the router never infers an update from bundle states.
 *
 * <p>A module version nobody has told the router about serves from the moment its routes are
 * registered (a module installed with {@code felix:install}, by an embedding product, or by a test).
 * Once told, the router keeps that version in the state it was given until {@link #forget}:
 * <ul>
 * <li>{@link #standby}: its routes register (and are listed, state {@code STANDBY}) but take no
 *     request — the version is being installed and checked beside the one that serves;</li>
 * <li>{@link #serve}: its routes take requests, as the highest version or by canary weights;</li>
 * <li>{@link #retire}: its routes take no new request; the requests inside finish
 *     (see {@link #drain}). When such a route is unregistered nobody waits for it to come back.</li>
 * </ul>
 * Switching traffic is {@code serve(new)} then {@code retire(old)}: at every moment one of the two
 * takes requests, so no request finds the module missing.
 *
 * <p>Implemented by Graft's router; thread safe. Each call takes effect for requests that arrive
 * after it returns.
 *
 * @since 1.3
 */
@ProviderType
public interface ModuleTraffic {

    /**
     * The version is being installed beside the serving one: its routes must take no traffic yet.
     *
     * @param module the module's bundle symbolic name
     * @param version the module's bundle version
     */
    void standby(String module, Version version);

    /** The version takes requests (all of them as the highest version, or its share by canary weights). */
    void serve(String module, Version version);

    /** The version takes no new requests; requests already inside its routes finish. */
    void retire(String module, Version version);

    /**
     * Waits until no request is inside any route of this version.
     *
     * @param timeoutMillis how long to wait at most
     * @return true if none is inside (also when the version has no routes)
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean drain(String module, Version version, long timeoutMillis) throws InterruptedException;

    /** Back to the default for this version: its routes serve while they are registered. */
    void forget(String module, Version version);

    /**
     * @return what this version's routes have answered since they were registered: requests,
     *     server errors (5xx) and the current run of consecutive server errors; zeros if it has no routes
     */
    TrafficDTO traffic(String module, Version version);
}
