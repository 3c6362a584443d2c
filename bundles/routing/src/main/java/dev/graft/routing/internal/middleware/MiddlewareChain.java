package dev.graft.routing.internal.middleware;

import dev.graft.api.middleware.Exchange;

import dev.graft.api.middleware.Chain;

/** Walks one request through its middleware, then the route. Not thread safe: one per request. */
final class MiddlewareChain implements Chain {

    private final MiddlewareRef[] refs;
    private final Exchange exchange;
    private final Runnable route;
    private int next;

    MiddlewareChain(MiddlewareRef[] refs, Exchange exchange, Runnable route) {
        this.refs = refs;
        this.exchange = exchange;
        this.route = route;
    }

    @Override
    public void proceed() {
        if (next > refs.length) {
            throw new IllegalStateException("the chain has already run to its end: call proceed() at most once");
        }
        if (next == refs.length) {
            next++;
            route.run();
            return;
        }
        MiddlewareRef ref = refs[next++];
        try {
            ref.middleware().handle(exchange, this);
        } catch (MiddlewareFailure inner) {
            throw inner; // keep the name of the innermost middleware that failed
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
                throw fatal;
            }
            throw new MiddlewareFailure(ref, e);
        }
    }
}
