package dev.graft.examples.requestid;

import dev.graft.api.middleware.Chain;
import dev.graft.api.middleware.Exchange;
import dev.graft.api.middleware.Middleware;
import dev.graft.api.middleware.MiddlewareProperties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Gives every response an {@code X-Request-Id} (the client's own, if it sent one) and logs
 * requests slower than a second with their status: a middleware acting before and after the route.
 */
@Component(service = Middleware.class)
@MiddlewareProperties(order = 100, pattern = "/*")
public class RequestIdMiddleware implements Middleware {

    static final String HEADER = "X-Request-Id";
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong counter = new AtomicLong();
    private final String prefix = Long.toString(System.currentTimeMillis(), 36) + "-";
    private final Logger logger;

    @Activate
    public RequestIdMiddleware(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) throws Exception {
        String id = exchange.request().header(HEADER).orElseGet(() -> prefix + counter.incrementAndGet());
        exchange.response().header(HEADER, id);
        chain.proceed();
        long elapsed = exchange.elapsedNanos();
        if (elapsed > SLOW_NANOS) {
            logger.warn("slow request {} {} {}: {} in {} ms ({})", id, exchange.request().method(),
                    exchange.request().path(), exchange.status(), TimeUnit.NANOSECONDS.toMillis(elapsed),
                    exchange.servedBy().orElse("no route"));
        }
    }
}
