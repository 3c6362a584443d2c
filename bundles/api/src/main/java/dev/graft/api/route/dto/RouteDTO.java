package dev.graft.api.route.dto;

import org.osgi.dto.DTO;

/** One version of one route, as the router sees it. */
public class RouteDTO extends DTO {

    /** The route serves requests (alone, or as one of several versions). */
    public static final String STATE_ACTIVE = "ACTIVE";

    /** Another module already serves this method and path; this route waits. Code {@code E_ROUTE_CONFLICT}. */
    public static final String STATE_CONFLICT = "CONFLICT";

    /** The route is being withdrawn; requests already inside it are finishing. */
    public static final String STATE_DRAINING = "DRAINING";

    /**
     * The route's module version is being installed beside the serving one and takes no request yet
     * (see {@link dev.graft.api.route.ModuleTraffic#standby}).
     *
     * @since 1.2
     */
    public static final String STATE_STANDBY = "STANDBY";

    /**
     * The route's module version takes no new request: another version replaced it, or it was cut
     * off (see {@link dev.graft.api.route.ModuleTraffic#retire}).
     *
     * @since 1.2
     */
    public static final String STATE_RETIRED = "RETIRED";

    /** The HTTP method, upper case. */
    public String method;

    /** The path template, e.g. {@code /hello/{name}}. */
    public String path;

    /** The bundle symbolic name of the module that registered the route. */
    public String module;

    /** The module's bundle version. */
    public String version;

    /** One of {@code ACTIVE}, {@code CONFLICT}, {@code DRAINING}, {@code STANDBY}, {@code RETIRED}. */
    public String state;

    /** A failure code when the route does not serve ({@code E_ROUTE_CONFLICT}), else null. */
    public String failureCode;

    /** A readable explanation of the failure, else null. */
    public String failureReason;

    /** The configured weight of this version, or -1 when no split is configured. */
    public int weight;

    /** Whether this version serves requests that carry no version header and no weights apply. */
    public boolean isDefault;

    /** Requests inside the route now. */
    public int inFlight;

    /** The route service's {@code service.id}. */
    public long serviceId;
}
