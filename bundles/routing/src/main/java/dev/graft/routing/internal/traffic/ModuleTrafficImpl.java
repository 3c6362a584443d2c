package dev.graft.routing.internal.traffic;

import dev.graft.api.route.ModuleTraffic;
import dev.graft.api.route.dto.TrafficDTO;
import dev.graft.routing.internal.RouteRegistry;
import dev.graft.routing.internal.table.RouteEntry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** The router's {@link ModuleTraffic}: states kept by the registry, counters read from the routes. */
@Component(service = ModuleTraffic.class)
public class ModuleTrafficImpl implements ModuleTraffic {

    private final RouteRegistry registry;
    private final Logger logger;

    @Activate
    public ModuleTrafficImpl(@Reference RouteRegistry registry, @Reference(service = LoggerFactory.class) Logger logger) {
        this.registry = registry;
        this.logger = logger;
    }

    @Override
    public void standby(String module, Version version) {
        if (registry.traffic().set(module, version, TrafficStates.State.STANDBY)) {
            logger.debug("{}:{} on standby: its routes take no traffic yet", module, version);
        }
    }

    @Override
    public void serve(String module, Version version) {
        if (registry.traffic().set(module, version, TrafficStates.State.SERVING)) {
            logger.info("{}:{} serves", module, version);
        }
    }

    @Override
    public void retire(String module, Version version) {
        if (registry.traffic().set(module, version, TrafficStates.State.RETIRED)) {
            logger.info("{}:{} retired: it takes no new requests", module, version);
        }
    }

    @Override
    public boolean drain(String module, Version version, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (RouteEntry route : routesOf(module, version)) {
            long left = deadline - System.nanoTime();
            if (!route.inFlight().awaitEmpty(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void forget(String module, Version version) {
        registry.traffic().forget(module, version);
    }

    @Override
    public TrafficDTO traffic(String module, Version version) {
        TrafficDTO dto = new TrafficDTO();
        dto.module = module;
        dto.version = version.toString();
        for (RouteEntry route : routesOf(module, version)) {
            dto.requests += route.outcomes().requests();
            dto.serverErrors += route.outcomes().serverErrors();
            dto.consecutiveServerErrors = Math.max(dto.consecutiveServerErrors, route.outcomes().consecutiveServerErrors());
            dto.inFlight += route.inFlight().current();
        }
        return dto;
    }

    private List<RouteEntry> routesOf(String module, Version version) {
        String key = TrafficStates.key(module, version);
        return registry.table().routes().stream().filter(r -> r.moduleHeader().equals(key)).toList();
    }
}
