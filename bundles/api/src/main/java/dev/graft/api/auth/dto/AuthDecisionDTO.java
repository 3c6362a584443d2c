package dev.graft.api.auth.dto;

import org.osgi.dto.DTO;

/** How the gate would decide one request. */
public class AuthDecisionDTO extends DTO {

    /** The status the request would get from the gate: 200 (allowed on to the route), 401, 403, 404, 503. */
    public int status;

    /** The failure code when denied, else null. */
    public String code;

    /** The route's method and template, or null if no route serves the request. */
    public String route;

    /** The module serving it, {@code bsn/version}, or null. */
    public String module;

    /** The policy that applied (its name, or {@code default}, or {@code route} for a route's own properties). */
    public String policy;

    /** The authenticator that decided, or null. */
    public String authenticator;

    /** The principal's name, or null. */
    public String principal;

    /** Why, in one sentence (the failed check, never a secret). */
    public String reason;
}
