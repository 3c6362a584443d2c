package dev.graft.api.middleware;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The rest of the middleware chain for one request. Implemented by Graft.
 *
 * @since 1.0
 */
@ProviderType
public interface Chain {

    /**
     * Runs the next middleware, and after the last one the route. Call it at most once.
     *
     * @throws Exception what the rest of the chain threw
     */
    void proceed() throws Exception;
}
