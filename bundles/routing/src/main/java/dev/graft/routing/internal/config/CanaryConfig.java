package dev.graft.routing.internal.config;

import dev.graft.api.route.RouteAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Graft canary",
        description = "A weighted split between versions of a module or a route, e.g. etc/dev.graft.routing.canary-hello.cfg.")
public @interface CanaryConfig {

    @AttributeDefinition(
            name = "Target",
            description = "A module's symbolic name (or its last segment, e.g. hello), or a route as 'GET /hello'.")
    String target();

    @AttributeDefinition(
            name = "Weights",
            description = "Exact versions and their weights, e.g. 1.0.0=90,2.0.0=10. The version with the smallest"
                    + " weight is the canary.")
    String weights();

    @AttributeDefinition(
            name = "Sticky header",
            description = "A request header (an API key, a user id) that keeps a client on one version;"
                    + " empty: the client address.")
    String sticky_header() default "";

    @AttributeDefinition(
            name = "Canary header",
            description = "A request header whose value 'always' forces the canary and 'never' avoids it.")
    String canary_header() default RouteAdmin.CANARY_HEADER;
}
