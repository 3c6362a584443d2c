package dev.graft.api.metrics;

import java.util.Map;
import org.osgi.dto.DTO;

/**
 * One sample, as one line of the Prometheus text format shows it.
 *
 * @since 1.0
 */
public class SampleDTO extends DTO {

    /** The sample's name, with its suffix ({@code graft_http_requests_total}, {@code …_bucket}). */
    public String name;

    /** Its labels, ordered by name. */
    public Map<String, String> labels;

    /** Its value. */
    public double value;
}
