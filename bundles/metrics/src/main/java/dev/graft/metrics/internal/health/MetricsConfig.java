package dev.graft.metrics.internal.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/dev.graft.metrics.cfg}. */
@ObjectClassDefinition(name = "Graft metrics and health",
        description = "The /metrics and /health endpoints and the module health checks")
public @interface MetricsConfig {

    @AttributeDefinition(name = "Check timeout", description = "How long a health check may take, in milliseconds,"
            + " unless its service sets graft.health.timeout.millis; one that takes longer is reported as timed out")
    long check_timeout_millis() default 1000;
}
