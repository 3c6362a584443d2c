package dev.graft.api.route.dto;

import org.osgi.dto.DTO;

/**
 * Something the router rejected and keeps as state, not only as a log line: a route service it
 * cannot serve ({@code E_ROUTE_INVALID}), a configuration it cannot apply ({@code E_CONFIG_INVALID}).
 * It stays listed until the culprit is fixed or gone.
 *
 * @since 1.1
 */
public class FailureDTO extends DTO {

    /** The failure code, a {@link dev.graft.api.FailureCode} name. */
    public String code;

    /** What was rejected, e.g. {@code route service 42 of demo.orders:1.0.0} or {@code configuration dev.graft.routing.canary~hello}. */
    public String subject;

    /**
     * The {@code service.id} of the route service that was rejected; 0 when the subject is not a
     * service (a configuration).
     *
     * @since 1.3
     */
    public long serviceId;

    /** Why, in one sentence. */
    public String message;

    /** When it was rejected, milliseconds since the epoch. */
    public long since;
}
