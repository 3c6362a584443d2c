package dev.graft.api.route.dto;

import org.osgi.dto.DTO;

/** Which route version a request reaches, and why. */
public class RouteDecisionDTO extends DTO {

    /** The HTTP status the request would get: 200 when a route serves it, else 404, 405 … */
    public int status;

    /** The serving module as {@code bsn/version} (the {@code Graft-Module} header), or null. */
    public String module;

    /** The matched path template, or null. */
    public String path;

    /** Why this version (or why none), in one sentence. */
    public String reason;

    /** The versions that could serve the route, highest first. */
    public String[] candidates;
}
