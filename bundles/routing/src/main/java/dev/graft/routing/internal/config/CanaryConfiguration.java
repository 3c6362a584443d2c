package dev.graft.routing.internal.config;

import dev.graft.api.FailureCode;
import dev.graft.routing.internal.failure.Rejections;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Deactivate;
import dev.graft.api.route.RouteAdmin;
import dev.graft.routing.internal.select.SplitPolicy;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** One canary configuration (a factory configuration of {@value RouteAdmin#CANARY_FACTORY_PID}). */
@Component(service = CanaryConfiguration.class, configurationPid = RouteAdmin.CANARY_FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CanaryConfig.class, factory = true)
public class CanaryConfiguration {

    private final Logger logger;
    private final Rejections rejections;
    private final String subject;
    private volatile SplitPolicy policy;

    @Activate
    public CanaryConfiguration(CanaryConfig config, Map<String, Object> properties, @Reference Rejections rejections,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        this.rejections = rejections;
        this.subject = "configuration " + properties.get(Constants.SERVICE_PID);
        update(config);
    }

    @Deactivate
    void deactivate() {
        rejections.clear(subject);
    }

    @Modified
    void update(CanaryConfig config) {
        try {
            if (config.target() == null || config.target().isBlank()) {
                throw new IllegalArgumentException("'target' is missing");
            }
            SplitPolicy next = new SplitPolicy(config.target().trim(), SplitPolicy.parseWeights(config.weights()),
                    config.sticky_header().trim(), config.canary_header().trim());
            policy = next;
            rejections.clear(subject);
            logger.info("canary for {}: {}", next.target(), SplitPolicy.format(next.weights()));
        } catch (IllegalArgumentException e) {
            policy = null;
            rejections.reject(FailureCode.E_CONFIG_INVALID, subject, "canary for '" + config.target() + "': " + e.getMessage());
            logger.error("{}: ignoring canary configuration for '{}': {}", FailureCode.E_CONFIG_INVALID, config.target(),
                    e.getMessage());
        }
    }

    /** @return the split, unless the configuration is invalid */
    public Optional<SplitPolicy> policy() {
        return Optional.ofNullable(policy);
    }
}
