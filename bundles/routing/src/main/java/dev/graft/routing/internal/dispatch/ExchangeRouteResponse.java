package dev.graft.routing.internal.dispatch;

import dev.graft.api.FailureCode;
import dev.graft.api.http.HttpExchange;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link RouteResponse} over a {@link HttpExchange}. Remembers the status for middleware and the
 * headers set before the route began — middleware's, and the dispatcher's {@code Graft-Module} —
 * which an error answer keeps; and lets the watchdog answer {@code 504}
 * for a route that hangs: after that, the route's own writes fail.
 */
final class ExchangeRouteResponse implements RouteResponse {

    /** What the watchdog's attempt to cut a route off came to. */
    enum CutOff { SENT, NOT_NEEDED, BUSY }

    private static final String CONTENT_TYPE = "Content-Type";
    private static final int OK = 200;
    private static final int GATEWAY_TIMEOUT = 504;

    private final HttpExchange response;
    private final ReentrantLock lock = new ReentrantLock();
    private List<String[]> keptHeaders; // guarded by lock: set before the route began; made on the first
    private volatile int status = OK;
    private volatile boolean cutOff;
    private boolean routeStarted; // guarded by lock
    private boolean written; // guarded by lock: the route has begun its body
    private boolean finished; // guarded by lock: the route has returned
    private boolean contentTypeSet; // guarded by lock: read back from the exchange would cost a header scan

    ExchangeRouteResponse(HttpExchange response) {
        this.response = response;
    }

    int currentStatus() {
        return status;
    }

    boolean isCutOff() {
        return cutOff;
    }

    /** From here on, headers are the route's own; an error answer drops them. */
    void beginRoute() {
        lock.lock();
        try {
            routeStarted = true;
        } finally {
            lock.unlock();
        }
    }

    /** The route has returned: the watchdog may no longer cut it off. */
    void finishRoute() {
        lock.lock();
        try {
            finished = true; // once cut off, finishing no longer matters
        } finally {
            lock.unlock();
        }
    }

    // every request passes here several times: plain lock/unlock, no lambda to allocate
    @Override
    public RouteResponse status(int code) {
        lock.lock();
        try {
            if (!cutOff) {
                status = code;
                response.status(code);
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public RouteResponse header(String name, String value) {
        lock.lock();
        try {
            if (!cutOff) {
                response.responseHeader(name, value);
                if (CONTENT_TYPE.equalsIgnoreCase(name)) {
                    contentTypeSet = true;
                }
                if (!routeStarted) {
                    if (keptHeaders == null) {
                        keptHeaders = new ArrayList<>(2);
                    }
                    keptHeaders.add(new String[] {name, value});
                }
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public void text(String body) throws IOException {
        write(body, "text/plain; charset=UTF-8");
    }

    @Override
    public void json(String json) throws IOException {
        write(json, "application/json");
    }

    @Override
    public OutputStream body() throws IOException {
        OutputStream out = response.responseBody();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                lockForWrite();
                try {
                    out.write(b);
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                lockForWrite();
                try {
                    out.write(bytes, offset, length);
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void flush() throws IOException {
                lockForWrite();
                try {
                    out.flush();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /**
     * Writes a whole error body, unless a route already started its response.
     *
     * @param headers name, value … set on the error response (e.g. {@code Allow}, {@code Retry-After})
     */
    void error(FailureCode code, String json, String... headers) throws IOException {
        lockForWrite();
        try {
            if (response.isCommitted()) {
                return;
            }
            writeError(code.status(), json, headers);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by the watchdog for a route that hangs: answers {@code 504}, unless the route has
     * returned or has begun its body (then it is not hanging). The route's thread is left alone —
     * an interrupt would close the NIO channels it uses — and its own writes fail from now on.
     *
     * @return {@link CutOff#BUSY} if the route is writing at this moment: try again later
     */
    CutOff cutOff(String json) {
        if (!lock.tryLock()) {
            return CutOff.BUSY;
        }
        try {
            if (cutOff || finished || written || response.isCommitted()) {
                return CutOff.NOT_NEEDED;
            }
            cutOff = true;
            writeError(GATEWAY_TIMEOUT, json);
            response.flush();
            return CutOff.SENT;
        } catch (IOException | RuntimeException clientGone) {
            return CutOff.NOT_NEEDED;
        } finally {
            lock.unlock();
        }
    }

    private void writeError(int code, String json, String... headers) throws IOException {
        if (routeStarted) {
            // drop what the route set or began; keep what was set before it (middleware, the
            // server's filters): before a route began there is nothing to drop
            response.reset();
            for (String[] header : keptHeaders == null ? List.<String[]>of() : keptHeaders) {
                response.responseHeader(header[0], header[1]);
            }
        }
        for (int i = 0; i < headers.length; i += 2) {
            response.responseHeader(headers[i], headers[i + 1]);
        }
        status = code;
        response.status(code);
        writeBody(json, "application/json");
    }

    private void write(String body, String defaultType) throws IOException {
        lockForWrite();
        try {
            writeBody(body, contentTypeSet ? null : defaultType);
        } finally {
            lock.unlock();
        }
    }

    // a whole body; sets the content type unless it is null
    private void writeBody(String body, String contentType) throws IOException {
        if (contentType != null) {
            response.responseHeader(CONTENT_TYPE, contentType);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.contentLength(bytes.length);
        response.responseBody().write(bytes);
    }

    // takes the lock for a body write; fails once the route was cut off
    private void lockForWrite() throws IOException {
        lock.lock();
        if (cutOff) {
            lock.unlock();
            throw new IOException("the route was cut off after its timeout; the client received 504");
        }
        if (routeStarted) {
            written = true;
        }
    }
}
