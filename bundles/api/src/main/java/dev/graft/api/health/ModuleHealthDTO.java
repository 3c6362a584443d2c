package dev.graft.api.health;

import org.osgi.dto.DTO;

/**
 * One module in a {@link HealthReportDTO}.
 *
 * @since 1.0
 */
public class ModuleHealthDTO extends DTO {

    /** The bundle symbolic name. */
    public String name;

    /** The version that serves, or null. */
    public String version;

    /**
     * The deployment manager's state ({@code ACTIVE}, {@code CANARY}, {@code STANDBY}, {@code DEPLOYING},
     * {@code FAILED}), or {@code STOPPED} when the serving version's bundle is not active.
     */
    public String state;

    /** Since when the module is in the deployment manager's state, milliseconds since the epoch. */
    public long since;

    /** The last failure, as {@code CODE: message}, or null. */
    public String lastError;

    /** True if the module counts against readiness: it should serve and does not. */
    public boolean blocking;
}
