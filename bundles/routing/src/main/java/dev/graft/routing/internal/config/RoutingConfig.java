package dev.graft.routing.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Graft routing",
        description = "How the router withdraws routes and protects itself from slow ones (etc/dev.graft.routing.cfg).")
public @interface RoutingConfig {

    String PID = "dev.graft.routing";

    @AttributeDefinition(
            name = "Hold for update (ms)",
            description = "When a module that is being updated withdraws the last version of a route, requests for"
                    + " it wait up to this long for the new version instead of failing; then 503 with Retry-After."
                    + " 0 turns waiting off.")
    long hold_millis() default 5000;

    @AttributeDefinition(
            name = "Drain timeout (ms)",
            description = "How long a route being withdrawn waits for the requests inside it to finish. 0 does not wait."
                    + " Never less than the route timeout plus 1 s (a request inside may run that long): a shorter"
                    + " value is raised, with a warning.")
    long drain_timeout_millis() default 15000;

    @AttributeDefinition(
            name = "Route timeout (ms)",
            description = "A route that has not answered after this long is cut off with 504. 0: no limit.")
    long route_timeout_millis() default 10000;

    @AttributeDefinition(
            name = "Most requests waiting for updates",
            description = "How many requests may wait at once for routes that are being updated (parked without a"
                    + " thread); beyond it, requests get 503 E_UNAVAILABLE with Retry-After at once.")
    int hold_max_waiters() default 1000;

    @AttributeDefinition(
            name = "Authentication required",
            description = "While no authentication gate (the dev.graft.auth bundle) is running, every route answers"
                    + " 503 E_AUTH_UNAVAILABLE (fail closed). Off: only routes that declare auth.roles or auth.scopes do.")
    boolean auth_required() default false;
}
