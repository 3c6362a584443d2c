package dev.graft.routing.internal.middleware;

import dev.graft.api.FailureCode;
import dev.graft.api.auth.AuthConstants;
import dev.graft.api.middleware.MiddlewarePhase;
import dev.graft.api.middleware.Exchange;

import dev.graft.api.middleware.Middleware;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * Every {@link Middleware} service, in chain order. A request takes a snapshot when it starts, so a
 * middleware appearing or disappearing takes effect from the next request, never in the middle of
 * one: a middleware being withdrawn waits (like a route) for the requests that started with it.
 */
@Component(service = MiddlewareRegistry.class)
public class MiddlewareRegistry {

    private static final MiddlewareRef[] NONE = new MiddlewareRef[0];
    private static final long DRAIN_MILLIS = 10_000;

    private final Logger logger;
    // by phase: request (before selection), route (after); replaced on change, never mutated
    private volatile MiddlewareRef[] requestChain = NONE;
    private volatile MiddlewareRef[] routeChain = NONE;

    @Activate
    public MiddlewareRegistry(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindMiddleware(Middleware middleware, ServiceReference<Middleware> reference) {
        Bundle bundle = reference.getBundle();
        String owner = bundle == null ? "?" : bundle.getSymbolicName() + ":" + bundle.getVersion();
        MiddlewareRef ref = new MiddlewareRef(middleware, intProperty(reference, Middleware.ORDER, 0, owner),
                intProperty(reference, Constants.SERVICE_RANKING, 0, owner),
                (Long) reference.getProperty(Constants.SERVICE_ID), pattern(reference, owner), owner,
                Boolean.parseBoolean(String.valueOf(reference.getProperty(AuthConstants.GATE))));
        boolean routePhase = routePhase(reference, owner);
        List<MiddlewareRef> next = new ArrayList<>(Arrays.asList(routePhase ? routeChain : requestChain));
        next.add(ref);
        next.sort(null);
        if (routePhase) {
            routeChain = next.toArray(NONE);
        } else {
            requestChain = next.toArray(NONE);
        }
        logger.info("middleware added: {} ({} phase, order {}, pattern {})", ref,
                routePhase ? MiddlewarePhase.ROUTE : MiddlewarePhase.REQUEST, ref.order(), ref.pattern());
    }

    void unbindMiddleware(Middleware middleware) {
        List<MiddlewareRef> removed = new ArrayList<>();
        synchronized (this) {
            requestChain = without(requestChain, middleware, removed);
            routeChain = without(routeChain, middleware, removed);
        }
        for (MiddlewareRef ref : removed) {
            if (!ref.inFlight().drain(DRAIN_MILLIS)) {
                logger.warn("{}: middleware {} withdrawn with {} requests still inside after {} ms",
                        FailureCode.E_TIMEOUT, ref, ref.inFlight().current(), DRAIN_MILLIS);
            }
        }
    }

    private static MiddlewareRef[] without(MiddlewareRef[] chain, Middleware middleware, List<MiddlewareRef> removed) {
        List<MiddlewareRef> next = new ArrayList<>(Arrays.asList(chain));
        for (MiddlewareRef ref : chain) {
            if (ref.middleware() == middleware) {
                removed.add(ref);
                next.remove(ref);
            }
        }
        return next.size() == chain.length ? chain : next.toArray(NONE);
    }

    /** @return the middleware of a phase that runs for this path, in order */
    MiddlewareRef[] chainFor(boolean routePhase, String path) {
        MiddlewareRef[] all = routePhase ? routeChain : requestChain;
        int matching = 0;
        for (MiddlewareRef ref : all) {
            if (ref.matches(path)) {
                matching++;
            }
        }
        if (matching == all.length) {
            return all;
        }
        MiddlewareRef[] selected = new MiddlewareRef[matching];
        int i = 0;
        for (MiddlewareRef ref : all) {
            if (ref.matches(path)) {
                selected[i++] = ref;
            }
        }
        return selected;
    }

    /**
     * Runs the request-phase middleware for a request around the rest: route selection, route-phase
     * middleware and the route.
     *
     * @throws MiddlewareFailure naming the middleware that failed
     */
    public void run(String path, Exchange exchange, Runnable route) throws MiddlewareFailure {
        run(false, path, exchange, route);
    }

    /**
     * Runs the route-phase middleware for a request whose route is chosen, around the route.
     *
     * @throws MiddlewareFailure naming the middleware that failed
     */
    public void runRoutePhase(String path, Exchange exchange, Runnable route) throws MiddlewareFailure {
        run(true, path, exchange, route, null);
    }

    /**
     * Runs the route-phase middleware around the route, or around {@code ungated} instead of the route
     * when no authentication gate ({@code graft.auth.gate=true}) is among the middleware this request
     * entered: decided on the request's own snapshot, so a gate withdrawn meanwhile never lets a request
     * through unchecked.
     *
     * @throws MiddlewareFailure naming the middleware that failed
     */
    public void runRoutePhase(String path, Exchange exchange, Runnable route, Runnable ungated)
            throws MiddlewareFailure {
        run(true, path, exchange, route, ungated);
    }

    private void run(boolean routePhase, String path, Exchange exchange, Runnable route) throws MiddlewareFailure {
        run(routePhase, path, exchange, route, null);
    }

    private void run(boolean routePhase, String path, Exchange exchange, Runnable route, Runnable ungated)
            throws MiddlewareFailure {
        MiddlewareRef[] refs = chainFor(routePhase, path);
        Runnable inner = ungated != null && !gated(refs) ? ungated : route;
        if (refs.length == 0) {
            inner.run();
            return;
        }
        int entered = 0;
        try {
            for (MiddlewareRef ref : refs) {
                if (!ref.inFlight().tryEnter()) {
                    break; // withdrawn since the snapshot: start again without it
                }
                entered++;
            }
            if (entered < refs.length) {
                exitAll(refs, entered);
                entered = 0;
                run(routePhase, path, exchange, route, ungated);
                return;
            }
            new MiddlewareChain(refs, exchange, inner).proceed();
        } finally {
            exitAll(refs, entered);
        }
    }

    private static boolean gated(MiddlewareRef[] refs) {
        for (MiddlewareRef ref : refs) {
            if (ref.gate()) {
                return true;
            }
        }
        return false;
    }

    private static void exitAll(MiddlewareRef[] refs, int entered) {
        for (int i = 0; i < entered; i++) {
            refs[i].inFlight().exit();
        }
    }

    private int intProperty(ServiceReference<?> reference, String name, int fallback, String owner) {
        Object value = reference.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            logger.warn("{}: middleware of {}: ignoring {}='{}', not a whole number", FailureCode.E_CONFIG_INVALID, owner,
                    name, value);
            return fallback;
        }
    }

    private boolean routePhase(ServiceReference<?> reference, String owner) {
        Object value = reference.getProperty(MiddlewarePhase.PROPERTY);
        String phase = value == null ? MiddlewarePhase.REQUEST : value.toString().trim();
        if (phase.equals(MiddlewarePhase.ROUTE)) {
            return true;
        }
        if (!phase.equals(MiddlewarePhase.REQUEST)) {
            logger.warn("{}: middleware of {}: ignoring {}='{}' (use {} or {}); it runs in the {} phase",
                    FailureCode.E_CONFIG_INVALID, owner, MiddlewarePhase.PROPERTY, phase, MiddlewarePhase.REQUEST,
                    MiddlewarePhase.ROUTE, MiddlewarePhase.REQUEST);
        }
        return false;
    }

    private String pattern(ServiceReference<?> reference, String owner) {
        Object value = reference.getProperty(Middleware.PATTERN);
        String pattern = value == null ? "/*" : value.toString().trim();
        if (!pattern.startsWith("/") || (pattern.contains("*") && !pattern.endsWith("/*")) || pattern.indexOf('*') != pattern.lastIndexOf('*')) {
            logger.warn("{}: middleware of {}: ignoring pattern '{}' (use /exact, /prefix/* or /*); it runs for every path",
                    FailureCode.E_CONFIG_INVALID, owner, pattern);
            return "/*";
        }
        return pattern;
    }
}
