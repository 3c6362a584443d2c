package dev.graft.metrics.internal.http;

import dev.graft.api.middleware.Chain;
import dev.graft.api.middleware.Exchange;
import dev.graft.api.middleware.Middleware;
import dev.graft.api.middleware.MiddlewareProperties;
import dev.graft.metrics.internal.registry.GraftRegistry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Requests no route served — 404s for unknown paths or versions, requests answered by
 * request-phase middleware — by status class only: their raw paths are unbounded, so they are
 * neither labelled by path nor timed. Request-phase middleware (the route phase never sees them),
 * innermost of that phase: after the chain it only reads whether a route served.
 */
@Component(service = Middleware.class)
@MiddlewareProperties(order = Integer.MAX_VALUE)
public class UnroutedRequests implements Middleware {

    private final PrometheusRegistry registry;
    private final Counter unrouted;
    private final CounterDataPoint[] byClass = new CounterDataPoint[6];

    @Activate
    public UnroutedRequests(@Reference GraftRegistry graft) {
        this.registry = graft.registry();
        unrouted = Counter.builder().name("graft_http_unrouted_requests")
                .help("Requests no route served (unknown path or version, or answered by middleware), by status class")
                .labelNames("status").withoutExemplars().build();
        String[] classes = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
        for (int i = 0; i < classes.length; i++) {
            byClass[i] = unrouted.labelValues(classes[i]);
        }
        registry.register(unrouted);
    }

    @Deactivate
    void deactivate() {
        registry.unregister(unrouted);
    }

    @Override
    public void handle(Exchange exchange, Chain chain) throws Exception {
        chain.proceed();
        if (exchange.servedBy().isEmpty()) {
            int index = exchange.status() / 100;
            byClass[index >= 1 && index <= 5 ? index : 0].inc();
        }
    }
}
