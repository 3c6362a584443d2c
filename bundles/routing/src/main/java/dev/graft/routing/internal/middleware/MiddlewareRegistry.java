package dev.graft.routing.internal.middleware;

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
    private volatile MiddlewareRef[] chain = NONE; // replaced on change, never mutated

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
                (Long) reference.getProperty(Constants.SERVICE_ID), pattern(reference, owner), owner);
        List<MiddlewareRef> next = new ArrayList<>(Arrays.asList(chain));
        next.add(ref);
        next.sort(null);
        chain = next.toArray(NONE);
        logger.info("middleware added: {} (order {}, pattern {})", ref, ref.order(), ref.pattern());
    }

    void unbindMiddleware(Middleware middleware) {
        List<MiddlewareRef> removed = new ArrayList<>();
        synchronized (this) {
            List<MiddlewareRef> next = new ArrayList<>(Arrays.asList(chain));
            for (MiddlewareRef ref : chain) {
                if (ref.middleware() == middleware) {
                    removed.add(ref);
                    next.remove(ref);
                }
            }
            chain = next.toArray(NONE);
        }
        for (MiddlewareRef ref : removed) {
            if (!ref.inFlight().drain(DRAIN_MILLIS)) {
                logger.warn("E_TIMEOUT: middleware {} withdrawn with {} requests still inside after {} ms",
                        ref, ref.inFlight().current(), DRAIN_MILLIS);
            }
        }
    }

    /** @return the middleware that runs for this path, in order */
    MiddlewareRef[] chainFor(String path) {
        MiddlewareRef[] all = chain;
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
     * Runs the middleware for a request around the route.
     *
     * @throws MiddlewareFailure naming the middleware that failed
     */
    public void run(String path, Exchange exchange, Runnable route) throws MiddlewareFailure {
        MiddlewareRef[] refs = chainFor(path);
        if (refs.length == 0) {
            route.run();
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
                run(path, exchange, route);
                return;
            }
            new MiddlewareChain(refs, exchange, route).proceed();
        } finally {
            exitAll(refs, entered);
        }
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
            logger.warn("middleware of {}: ignoring {}='{}', not a whole number", owner, name, value);
            return fallback;
        }
    }

    private String pattern(ServiceReference<?> reference, String owner) {
        Object value = reference.getProperty(Middleware.PATTERN);
        String pattern = value == null ? "/*" : value.toString().trim();
        if (!pattern.startsWith("/") || (pattern.contains("*") && !pattern.endsWith("/*")) || pattern.indexOf('*') != pattern.lastIndexOf('*')) {
            logger.warn("middleware of {}: ignoring pattern '{}' (use /exact, /prefix/* or /*); it runs for every path",
                    owner, pattern);
            return "/*";
        }
        return pattern;
    }
}
