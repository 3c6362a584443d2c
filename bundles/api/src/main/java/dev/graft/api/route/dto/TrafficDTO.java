package dev.graft.api.route.dto;

import org.osgi.dto.DTO;

/**
 * What the routes of one module version have answered: counters that only grow while the version's
 * routes are registered. A reader compares two readings to get a rate over a window.
 *
 * @since 1.2
 */
public class TrafficDTO extends DTO {

    /** The bundle symbolic name of the module. */
    public String module;

    /** The module's bundle version. */
    public String version;

    /** Requests its routes answered (any status). */
    public long requests;

    /** Of those, answers with a 5xx status (the route's own, or Graft's for a route that threw or timed out). */
    public long serverErrors;

    /** 5xx answers in a row, up to the latest answer; 0 after a non-5xx answer. */
    public int consecutiveServerErrors;

    /** Requests inside its routes now. */
    public int inFlight;
}
