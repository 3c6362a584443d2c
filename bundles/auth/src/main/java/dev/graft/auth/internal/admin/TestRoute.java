package dev.graft.auth.internal.admin;

import dev.graft.api.route.RouteInfo;
import java.util.Map;
import org.osgi.framework.Version;

/** The route graft:auth-test's request would reach. */
record TestRoute(String method, String template, String module, Version version, Map<String, Object> properties)
        implements RouteInfo {}
