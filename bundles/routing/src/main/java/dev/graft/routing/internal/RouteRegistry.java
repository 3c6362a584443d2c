package dev.graft.routing.internal;

import dev.graft.api.FailureCode;
import dev.graft.api.route.RouteHandler;
import dev.graft.api.route.RouteListener;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.routing.internal.config.RoutingConfig;
import dev.graft.routing.internal.config.RoutingTimeouts;
import dev.graft.routing.internal.drain.HoldReleaser;
import dev.graft.routing.internal.failure.Rejections;
import dev.graft.routing.internal.hold.HoldQueue;
import dev.graft.routing.internal.table.PathTemplate;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteTable;
import dev.graft.routing.internal.traffic.TrafficStates;
import dev.graft.routing.internal.traffic.UnroutedCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Follows every {@link RouteHandler} service and keeps the {@link RouteTable} in step. A route is
 * served from the moment its service is registered; when it is unregistered, new requests stop
 * reaching it, the requests inside it finish (drain), and if its module is being updated, requests
 * wait for the new version (hold).
 */
@Component(service = RouteRegistry.class, configurationPid = RoutingConfig.PID)
@Designate(ocd = RoutingConfig.class)
public class RouteRegistry {

    private record Listener(RouteListener listener, String owner) {}

    private final Logger logger;
    private final RouteTable table = new RouteTable();
    private final TrafficStates traffic = new TrafficStates(table);
    private final UnroutedCounts unrouted = new UnroutedCounts();
    private final Map<Long, RouteEntry> byServiceId = new ConcurrentHashMap<>();
    private final Set<RouteEntry> draining = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final HoldReleaser releaser;
    private final HoldQueue holds;
    private final Rejections rejections;
    private volatile RoutingConfig config;
    private volatile RoutingTimeouts timeouts;

    @Activate
    public RouteRegistry(BundleContext context, RoutingConfig config, @Reference Rejections rejections,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        this.rejections = rejections;
        this.holds = new HoldQueue(table::changes, config.hold_max_waiters());
        this.releaser = new HoldReleaser(context, bundleId -> {
            table.releaseHolds(bundleId);
            holds.wakeAll(); // a released hold may change any route: let every waiter look again
        });
        update(config);
    }

    @Modified
    void update(RoutingConfig config) {
        RoutingTimeouts next = RoutingTimeouts.of(config);
        if (next.drainRaised()) {
            logger.warn("{}: drain.timeout.millis ({} ms) is shorter than route.timeout.millis ({} ms) plus {} ms to cut"
                    + " a request off; using {} ms, so that a withdrawn route lets its requests run until their timeout",
                    FailureCode.E_CONFIG_INVALID, next.configuredDrainMillis(), next.routeTimeoutMillis(),
                    RoutingTimeouts.CUT_OFF_MARGIN_MILLIS, next.drainMillis());
        }
        this.timeouts = next;
        this.config = config;
        holds.max(config.hold_max_waiters());
    }

    @Deactivate
    public void deactivate() {
        releaser.close();
        holds.close();
    }

    public RouteTable table() {
        return table;
    }

    /** @return the traffic states the deployment manager set, per module version */
    public TrafficStates traffic() {
        return traffic;
    }

    /** @return the requests no route served, by status class */
    public UnroutedCounts unrouted() {
        return unrouted;
    }

    /** @return the requests parked while their routes are updated */
    public HoldQueue holds() {
        return holds;
    }

    public RoutingConfig config() {
        return config;
    }

    /** @return the time limits in force: read per request, so a plain record, not the config proxy */
    public RoutingTimeouts timeouts() {
        return timeouts;
    }

    /** @return routes being withdrawn whose requests are still finishing */
    public Set<RouteEntry> draining() {
        return Set.copyOf(draining);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindRoute(RouteHandler handler, ServiceReference<RouteHandler> reference) {
        Bundle bundle = reference.getBundle();
        long serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        String module = bundle == null ? "?" : bundle.getSymbolicName();
        Version version = bundle == null ? Version.emptyVersion : bundle.getVersion();
        RouteEntry entry;
        try {
            entry = new RouteEntry(method(reference), PathTemplate.parse(path(reference)), handler,
                    module, version, serviceId, bundle == null ? -1 : bundle.getBundleId(), properties(reference));
        } catch (IllegalArgumentException e) {
            logger.error("{}: ignoring route service {} of {}:{}: {}", FailureCode.E_ROUTE_INVALID, serviceId, module,
                    version, e.getMessage());
            rejections.reject(FailureCode.E_ROUTE_INVALID, subject(serviceId, module, version), serviceId, e.getMessage());
            return;
        }
        byServiceId.put(serviceId, entry);
        table.add(entry).ifPresentOrElse(
                owner -> logger.warn("{}: route {} is not served: {} already serves {} {}", FailureCode.E_ROUTE_CONFLICT,
                        entry, owner.moduleId(), owner.method(), owner.template()),
                () -> logger.info("route added: {}", entry));
        holds.changed(entry.method(), entry.template());
        fire(entry, RouteListener::routeAdded);
    }

    public void unbindRoute(ServiceReference<RouteHandler> reference) {
        long serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        RouteEntry entry = byServiceId.remove(serviceId);
        if (entry == null) {
            Bundle bundle = reference.getBundle();
            rejections.clear(subject(serviceId, bundle == null ? "?" : bundle.getSymbolicName(),
                    bundle == null ? Version.emptyVersion : bundle.getVersion()));
            return;
        }
        RoutingConfig current = config;
        long drainMillis = timeouts.drainMillis();
        Bundle bundle = reference.getBundle();
        // a version the deployment manager handles is never waited for: it says what serves instead.
        // Otherwise (an update by hand, felix:update) a module stopping for an update or a refresh
        // stays persistently started, a plain stop does not: only the first holds its last routes
        boolean mayReturn = bundle != null && current.hold_millis() > 0 && traffic.of(entry.moduleHeader()) == null
                && bundle.getState() == Bundle.STOPPING && isPersistentlyStarted(bundle);
        table.remove(entry, mayReturn ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(current.hold_millis()) : 0);
        holds.changed(entry.method(), entry.template());
        draining.add(entry);
        if (!entry.inFlight().drain(drainMillis)) {
            logger.warn("{}: route {} withdrawn with {} requests still inside after {} ms", FailureCode.E_TIMEOUT, entry,
                    entry.inFlight().current(), drainMillis);
        }
        draining.remove(entry);
        logger.info("route removed: {}", entry);
        fire(entry, RouteListener::routeRemoved);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(RouteListener listener, ServiceReference<RouteListener> reference) {
        Bundle bundle = reference.getBundle();
        listeners.add(new Listener(listener, (bundle == null ? "?" : bundle.getSymbolicName() + ":" + bundle.getVersion())
                + " (service " + reference.getProperty(Constants.SERVICE_ID) + ")"));
    }

    void unbindListener(RouteListener listener) {
        listeners.removeIf(l -> l.listener() == listener);
    }

    private void fire(RouteEntry entry, java.util.function.BiConsumer<RouteListener, RouteDTO> event) {
        RouteDTO dto = RouteDTOs.of(entry, RouteDTO.STATE_ACTIVE);
        for (Listener l : listeners) { // a copy-on-write list: safe to iterate while it changes
            try {
                event.accept(l.listener(), dto);
            } catch (RuntimeException e) {
                logger.error("route listener of {} failed on {}: {}", l.owner(), entry, e.toString(), e);
            }
        }
    }

    private static boolean isPersistentlyStarted(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }

    private static String method(ServiceReference<?> reference) {
        Object method = reference.getProperty(RouteHandler.METHOD);
        String text = method == null ? RouteHandler.DEFAULT_METHOD : method.toString().trim();
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("'" + text + "' is not an HTTP method (" + RouteHandler.METHOD + ")");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static String subject(long serviceId, String module, Version version) {
        return "route service " + serviceId + " of " + module + ":" + version;
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        String[] keys = reference.getPropertyKeys();
        for (String key : keys == null ? new String[0] : keys) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    private static String path(ServiceReference<?> reference) {
        Object path = reference.getProperty(RouteHandler.PATH);
        if (path == null) {
            throw new IllegalArgumentException("the service property " + RouteHandler.PATH + " is missing");
        }
        return path.toString();
    }

}
