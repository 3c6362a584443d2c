package dev.graft.api.health;

import java.util.List;
import org.osgi.dto.DTO;

/**
 * The answer of a readiness evaluation: ready or not, why not, each module and each check.
 *
 * @since 1.0
 */
public class HealthReportDTO extends DTO {

    /** True if Graft is ready to serve. */
    public boolean ready;

    /** When the report was made, milliseconds since the epoch. */
    public long at;

    /** Why Graft is not ready, one line each; empty when ready. */
    public List<String> reasons;

    /** Every module the deployment manager knows, by name. */
    public List<ModuleHealthDTO> modules;

    /** Every health check modules contribute, by name. */
    public List<CheckResultDTO> checks;
}
