package dev.graft.api.auth.dto;

import org.osgi.dto.DTO;

/** One authentication policy in force (or the default for unmatched paths). */
public class AuthPolicyDTO extends DTO {

    /** The policy's name (its configuration's name, e.g. {@code orders} for {@code dev.graft.auth.policy-orders.cfg}), or {@code default}. */
    public String name;

    /** The path pattern: {@code /exact}, {@code /prefix/*} or {@code /*}. */
    public String pattern;

    /** The HTTP methods it applies to, or empty for all. */
    public String[] methods;

    /** The module (bundle symbolic name) it applies to, or null for all. */
    public String module;

    /** The module version range it applies to, or null for all. */
    public String versions;

    /** {@code anonymous}, {@code authenticated} or {@code deny}. */
    public String access;

    /** Accepted authenticators' names, or empty for every registered one. */
    public String[] authenticators;

    /** Roles a caller must all have. */
    public String[] roles;

    /** Scopes a caller must all have. */
    public String[] scopes;

    /** Rate limit: requests per second per principal, or 0 for none. */
    public double rate;

    /** Rate limit: the bucket size (burst). */
    public int burst;
}
