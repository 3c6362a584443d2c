package dev.graft.auth.internal.gate;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.Authenticator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** Every {@link Authenticator} service, by ranking (highest first); a change applies to the next request. */
@Component(service = Authenticators.class)
public class Authenticators {

    /** One registered authenticator. */
    public record Named(String name, Authenticator authenticator, int ranking, long serviceId, String owner) {}

    private final Logger logger;
    private volatile List<Named> all = List.of();

    @Activate
    public Authenticators(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bind(Authenticator authenticator, ServiceReference<Authenticator> reference, Map<String, Object> props) {
        Bundle bundle = reference.getBundle();
        String owner = bundle == null ? "?" : bundle.getSymbolicName() + ":" + bundle.getVersion();
        Object name = props.get(Authenticator.NAME);
        if (name == null || name.toString().isBlank()) {
            logger.warn("{}: authenticator {} of {} has no {} property; ignored", FailureCode.E_CONFIG_INVALID,
                    authenticator.getClass().getName(), owner, Authenticator.NAME);
            return;
        }
        Object ranking = props.get(Constants.SERVICE_RANKING);
        List<Named> next = new ArrayList<>(all);
        next.add(new Named(name.toString().trim(), authenticator, ranking instanceof Integer i ? i : 0,
                (Long) props.get(Constants.SERVICE_ID), owner));
        next.sort(Comparator.comparingInt(Named::ranking).reversed().thenComparingLong(Named::serviceId));
        all = List.copyOf(next);
        logger.info("authenticator {} added ({})", name, owner);
    }

    synchronized void unbind(Authenticator authenticator) {
        List<Named> next = new ArrayList<>(all);
        if (next.removeIf(named -> named.authenticator() == authenticator)) {
            all = List.copyOf(next);
            logger.info("authenticator {} removed", authenticator.getClass().getName());
        }
    }

    public List<Named> all() {
        return all;
    }
}
