package dev.graft.api.deploy.dto;

import java.util.List;
import org.osgi.dto.DTO;

/** The answer of a leak check: how many retired module versions were checked, and those still in memory. */
public class LeakReportDTO extends DTO {

    /** Module versions retired since the deployment manager started, collected or not. */
    public int checked;

    /** Those whose class loader is still reachable after a garbage collection, oldest first; empty if none. */
    public List<LeakDTO> leaks;
}
