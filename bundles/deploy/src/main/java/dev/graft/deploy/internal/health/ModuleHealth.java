package dev.graft.deploy.internal.health;

import dev.graft.api.FailureCode;
import dev.graft.api.route.RouteAdmin;
import dev.graft.deploy.internal.DeployFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Whether a started module is healthy: every enabled component satisfied or active, none failed
 * (read from Declarative Services' runtime API), and then every route it registered in the router's
 * table ({@link RouteHealth}). A component that failed to activate fails the deployment at once
 * ({@code E_START_FAILED}), so does a route the router rejected ({@code E_UNHEALTHY}); a component
 * that stays unsatisfied, or a route another module keeps out, fails it at the timeout
 * ({@code E_UNHEALTHY}, naming what it waits for).
 */
public final class ModuleHealth {

    private final ServiceComponentRuntime scr;
    private final RouteHealth routes;

    public ModuleHealth(ServiceComponentRuntime scr, RouteAdmin router) {
        this.scr = scr;
        this.routes = new RouteHealth(router);
    }

    /**
     * Waits until the module is healthy.
     *
     * @param subject how messages name the module, e.g. {@code hello.jar: demo.hello:1.1.0}
     * @throws DeployFailure if a component failed, or the module is not healthy within the timeout
     */
    public void await(Bundle bundle, String subject, long timeoutMillis) throws DeployFailure, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            List<String> waiting = check(bundle, subject);
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DeployFailure(FailureCode.E_UNHEALTHY, subject + " is not healthy after " + timeoutMillis
                        + " ms: " + String.join("; ", waiting));
            }
            Thread.sleep(10);
        }
    }

    /** @return what the module still waits for; empty if it is healthy */
    List<String> check(Bundle bundle, String subject) throws DeployFailure {
        List<String> waiting = new ArrayList<>();
        if (bundle.getState() != Bundle.ACTIVE) {
            waiting.add("the bundle is not active");
            return waiting;
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                waiting.add("component " + description.name + " has not been created");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> throw new DeployFailure(FailureCode.E_START_FAILED,
                            subject + ": component " + description.name + " failed to activate: " + firstLine(configuration.failure));
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                            waiting.add("component " + description.name + " waits for its reference '" + reference.name
                                    + "' (" + interfaceOf(description, reference.name)
                                    + (reference.target == null ? "" : ", target " + reference.target) + "): no such service");
                        }
                    }
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> waiting.add("component " + description.name
                            + " waits for its configuration (PID " + String.join(", ", description.configurationPid) + ")");
                    default -> {
                        // SATISFIED or ACTIVE
                    }
                }
            }
        }
        if (waiting.isEmpty()) { // routes are registered by active components: looked at once those are
            waiting.addAll(routes.check(bundle, subject));
        }
        return waiting;
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String reference) {
        return Arrays.stream(description.references).filter(r -> r.name.equals(reference)).map(r -> r.interfaceName)
                .findFirst().orElse("?");
    }

    private static String firstLine(String failure) {
        if (failure == null) {
            return "(no reason given)";
        }
        // DS gives a stack trace: its first line holds the exception and its message; the cause's
        // message is more useful when the first line only wraps it
        String[] lines = failure.split("\\R");
        String first = lines[0].trim();
        for (String line : lines) {
            if (line.trim().startsWith("Caused by: ")) {
                first = line.trim().substring("Caused by: ".length());
            }
        }
        return first;
    }

}
