package dev.graft.itest;

import static org.junit.Assert.assertTrue;

import dev.graft.api.route.RouteHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A route that keeps a request inside until released: for acting while a request is in a route. */
final class HeldRoute {

    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ServiceRegistration<RouteHandler> registration;

    HeldRoute(BundleContext context, String method, String path, String answer) {
        registration = context.registerService(RouteHandler.class, (request, response) -> {
            inside.countDown();
            release.await(10, TimeUnit.SECONDS);
            response.text(answer);
        }, MiddlewareIT.route(method, path));
    }

    /** Waits until a request is inside the route. */
    void awaitInside() throws InterruptedException {
        assertTrue("no request reached the route", inside.await(10, TimeUnit.SECONDS));
    }

    /** Lets the request inside answer. */
    void release() {
        release.countDown();
    }

    ServiceRegistration<RouteHandler> registration() {
        return registration;
    }
}
