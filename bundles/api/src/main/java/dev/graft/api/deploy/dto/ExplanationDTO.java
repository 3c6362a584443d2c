package dev.graft.api.deploy.dto;

import java.util.List;
import org.osgi.dto.DTO;

/** Why a module is, or is not, active. */
public class ExplanationDTO extends DTO {

    /** The bundle symbolic name. */
    public String module;

    /** Its state, as in {@link ModuleDTO#state}. */
    public String state;

    /** The code of the reason it is not active, or null if it is. */
    public String failureCode;

    /** The explanation, a line each: what serves, what failed, what is missing and who could provide it. */
    public List<String> lines;
}
