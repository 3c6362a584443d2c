package dev.graft.api.metrics;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Graft's metrics registry, read as samples: what {@code GET /metrics} exposes, one sample per
 * line of the text format.
 *
 * <p>Implemented by Graft (the {@code dev.graft.metrics} bundle); thread safe.
 *
 * @since 1.0
 */
@ProviderType
public interface MetricsService {

    /**
     * Takes the registry's values now.
     *
     * @param nameFilter only samples whose name contains this text (case-insensitive); null or empty for all
     * @return the samples, ordered by name and labels
     */
    List<SampleDTO> samples(String nameFilter);
}
