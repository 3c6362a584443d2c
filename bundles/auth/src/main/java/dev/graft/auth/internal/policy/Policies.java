package dev.graft.auth.internal.policy;

import dev.graft.api.FailureCode;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The operator's policies: the factory configurations {@value #FACTORY_PID}
 * ({@code etc/dev.graft.auth.policy-<name>.cfg}), applied from the next request on. A policy that does
 * not parse is logged with {@code E_CONFIG_INVALID} and ignored; the others apply.
 */
@Component(service = Policies.class)
public class Policies implements ManagedServiceFactory {

    public static final String FACTORY_PID = "dev.graft.auth.policy";

    private final Logger logger;
    private final Map<String, Policy> byPid = new ConcurrentHashMap<>();
    private final ServiceRegistration<ManagedServiceFactory> registration;
    private volatile PolicyIndex index = PolicyIndex.EMPTY;

    @Activate
    public Policies(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, FACTORY_PID);
        this.registration = context.registerService(ManagedServiceFactory.class, this, properties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    public PolicyIndex index() {
        return index;
    }

    @Override
    public String getName() {
        return "Graft authentication policies";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        String name = nameOf(pid, properties);
        try {
            Policy policy = Policy.parse(name, properties);
            byPid.put(pid, policy);
            logger.info("auth policy {}: {} {} → {}{}", name, policy.methods().isEmpty() ? "*" : policy.methods(),
                    policy.pattern(), policy.access().label(), policy.roles().isEmpty() ? "" : " roles " + policy.roles());
        } catch (IllegalArgumentException e) {
            byPid.remove(pid);
            logger.warn("{}: auth policy {} ({}): {}; ignored", FailureCode.E_CONFIG_INVALID, name,
                    properties.get("felix.fileinstall.filename"), e.getMessage());
        }
        rebuild();
    }

    @Override
    public void deleted(String pid) {
        Policy removed = byPid.remove(pid);
        if (removed != null) {
            logger.info("auth policy {} removed", removed.name());
        }
        rebuild();
    }

    private synchronized void rebuild() {
        index = new PolicyIndex(java.util.List.copyOf(byPid.values()));
    }

    // the name an operator gave: the file name's part after the dash, else the PID
    static String nameOf(String pid, Dictionary<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String path = file.toString();
            String base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.(cfg|config)$", "");
            int dash = base.indexOf(FACTORY_PID + "-");
            if (dash == 0) {
                return base.substring(FACTORY_PID.length() + 1);
            }
        }
        int tilde = pid.indexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }
}
