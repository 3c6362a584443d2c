package dev.graft.api.health;

import org.osgi.dto.DTO;

/**
 * One {@link HealthCheck} in a {@link HealthReportDTO}.
 *
 * @since 1.0
 */
public class CheckResultDTO extends DTO {

    /** The check's name ({@link HealthCheck#NAME}). */
    public String name;

    /** The module that registered it, as {@code bsn:version}. */
    public String module;

    /** True if it answered healthy within its timeout. */
    public boolean healthy;

    /** Its message, or why it failed ({@code timed out after 500 ms}, an exception's message). */
    public String message;

    /** How long it took, in milliseconds; its timeout if it timed out. */
    public long millis;
}
