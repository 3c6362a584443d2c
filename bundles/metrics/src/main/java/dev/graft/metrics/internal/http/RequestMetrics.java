package dev.graft.metrics.internal.http;

import dev.graft.api.middleware.Chain;
import dev.graft.api.middleware.Exchange;
import dev.graft.api.middleware.Middleware;
import dev.graft.api.middleware.MiddlewarePhase;
import dev.graft.api.middleware.MiddlewareProperties;
import dev.graft.api.route.RouteInfo;
import dev.graft.api.route.RouteListener;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.metrics.internal.registry.GraftRegistry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Rate, errors and duration of every routed request, by route template (never the raw path:
 * bounded cardinality), method, status class, module and module version. (Requests in flight are
 * the router's own count, read when scraped: see {@code RuntimeMetrics}.)
 *
 * <p>Route-phase middleware, outermost of that phase, so it sees the chosen route and version. The
 * label values of a route version are looked up once and kept ({@link IdentityCache} by the
 * router's {@link RouteInfo} instance): a request costs a cache read, a counter increment and a
 * histogram observation — no string is built.
 *
 * <p>When the router stops serving a route version (its module stopped, was retired or removed),
 * its label sets are removed: series of versions long gone do not pile up, and Prometheus sees
 * them end. A version that serves again starts from zero (a counter reset, which rate() handles).
 */
@Component(service = {Middleware.class, RouteListener.class})
@MiddlewareProperties(order = RequestMetrics.ORDER, phase = MiddlewarePhase.ROUTE)
public class RequestMetrics implements Middleware, RouteListener {

    /** Outermost of the route phase: authentication and rate limits run inside it and are measured. */
    static final int ORDER = -1_000_000;

    /** Seconds: from a tenth of a millisecond (a local route) to ten seconds. */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10};

    /** The {@code status} label's values, by status / 100 (0 for a status outside 100–599). */
    public static final List<String> STATUS_CLASSES = List.of("other", "1xx", "2xx", "3xx", "4xx", "5xx");

    private final PrometheusRegistry registry;
    private final Counter requests;
    private final Counter errors;
    private final Histogram duration;
    private volatile IdentityCache<RouteInfo, Series> series = new IdentityCache<>(4096);

    @Activate
    public RequestMetrics(@Reference GraftRegistry graft) {
        this.registry = graft.registry();
        requests = Counter.builder().name("graft_http_requests")
                .help("Requests a route served, by route template, method, status class, module and version")
                .labelNames("route", "method", "status", "module", "version").withoutExemplars().build();
        errors = Counter.builder().name("graft_http_request_errors")
                .help("Requests a route answered with a 5xx status or an exception, by route template, method, module and version")
                .labelNames("route", "method", "module", "version").withoutExemplars().build();
        duration = Histogram.builder().name("graft_http_request_duration_seconds")
                .help("Time from a request's arrival to the end of its route, by route template, method, module and version")
                .labelNames("route", "method", "module", "version").classicOnly().classicUpperBounds(BUCKETS)
                .withoutExemplars().build();
        registry.register(requests);
        registry.register(errors);
        registry.register(duration);
    }

    @Deactivate
    void deactivate() {
        registry.unregister(requests);
        registry.unregister(errors);
        registry.unregister(duration);
    }

    @Override
    public void routeAdded(RouteDTO route) {
        // label sets are created by the first request
    }

    @Override
    public void routeRemoved(RouteDTO route) {
        // forget every cached data point: one of the removed route must not be counted into again
        series = new IdentityCache<>(4096);
        requests.removeIf(labels -> labels.get(0).equals(route.path) && labels.get(1).equals(route.method)
                && labels.get(3).equals(route.module) && labels.get(4).equals(route.version));
        errors.remove(route.path, route.method, route.module, route.version);
        duration.remove(route.path, route.method, route.module, route.version);
    }

    @Override
    public void handle(Exchange exchange, Chain chain) throws Exception {
        RouteInfo route = exchange.route().orElse(null);
        if (route == null) {
            chain.proceed(); // not in the route phase: nothing to label it with
            return;
        }
        Series s = series.get(route, this::series);
        boolean failed = true;
        try {
            chain.proceed();
            failed = false;
        } finally {
            int status = failed ? 500 : exchange.status();
            s.count(status);
            if (status >= 500) {
                s.errors.inc();
            }
            s.duration.observe(exchange.elapsedNanos() / 1e9);
        }
    }

    private Series series(RouteInfo route) {
        String version = route.version().toString();
        String[] labels = {route.template(), route.method(), route.module(), version};
        // status classes are looked up when first seen: a route that never failed shows no 5xx series
        CounterDataPoint[] byClass = new CounterDataPoint[STATUS_CLASSES.size()];
        return new Series(requests, route, version, byClass, errors.labelValues(labels), duration.labelValues(labels));
    }

    /** The data points of one route version. */
    private static final class Series {
        private final Counter requests;
        private final RouteInfo route;
        private final String version;
        private final CounterDataPoint[] byClass;
        final CounterDataPoint errors;
        final DistributionDataPoint duration;

        Series(Counter requests, RouteInfo route, String version, CounterDataPoint[] byClass, CounterDataPoint errors,
                DistributionDataPoint duration) {
            this.requests = requests;
            this.route = route;
            this.version = version;
            this.byClass = byClass;
            this.errors = errors;
            this.duration = duration;
        }

        void count(int status) {
            int index = status / 100;
            if (index < 1 || index > 5) {
                index = 0;
            }
            CounterDataPoint point = byClass[index];
            if (point == null) { // first of its class: labelValues returns the same data point to racing threads
                point = requests.labelValues(route.template(), route.method(), STATUS_CLASSES.get(index), route.module(), version);
                byClass[index] = point;
            }
            point.inc();
        }
    }
}
