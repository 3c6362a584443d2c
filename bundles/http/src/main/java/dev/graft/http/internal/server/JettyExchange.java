package dev.graft.http.internal.server;

import dev.graft.api.FailureCode;
import dev.graft.api.http.BadRequestException;
import dev.graft.api.http.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * An {@link HttpExchange} over Jetty's core request and response. The body is kept until the
 * exchange completes (or {@value #SEND_AT} bytes are waiting), so a small answer leaves in one
 * write and an error answer can still replace a body that has not been sent.
 */
final class JettyExchange implements HttpExchange {

    static final int SEND_AT = 16 * 1024;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String path;
    private final AtomicBoolean completed = new AtomicBoolean();
    private final long maxBodyBytes;
    private Fields query;
    private InputStream requestBody;
    private OutputStream responseBody;
    private byte[] pending = new byte[0];
    private int count;

    JettyExchange(Request request, Response response, Callback callback, long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.request = request;
        this.response = response;
        this.callback = callback;
        String inContext = Request.getPathInContext(request);
        this.path = inContext == null || inContext.isEmpty() ? "/" : inContext;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public List<String> headers(String name) {
        return request.getHeaders().getValuesList(name);
    }

    @Override
    public String queryParameter(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query.getValue(name);
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public InputStream requestBody() {
        if (requestBody == null) {
            requestBody = new RequestBody(Content.Source.asInputStream(request), maxBodyBytes);
        }
        return requestBody;
    }

    @Override
    public void status(int code) {
        response.setStatus(code);
    }

    @Override
    public void responseHeader(String name, String value) {
        response.getHeaders().put(ResponseHeaders.field(name, value));
    }

    @Override
    public String responseHeader(String name) {
        return response.getHeaders().get(name);
    }

    @Override
    public void contentLength(int length) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    }

    @Override
    public OutputStream responseBody() {
        if (responseBody == null) {
            responseBody = new ResponseBody();
        }
        return responseBody;
    }

    @Override
    public boolean isCommitted() {
        return response.isCommitted();
    }

    @Override
    public void reset() {
        count = 0;
        response.reset();
    }

    @Override
    public void flush() throws IOException {
        send();
    }

    @Override
    public void complete() {
        if (completed.compareAndSet(false, true)) {
            ByteBuffer rest = ByteBuffer.wrap(pending, 0, count);
            count = 0;
            response.write(true, rest, callback);
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            request.getComponents().getThreadPool().execute(task);
        } catch (RejectedExecutionException stopping) {
            fail(stopping);
        }
    }

    /** Ends the exchange with an error the handler could not answer itself. */
    void fail(Throwable cause) {
        if (completed.compareAndSet(false, true)) {
            callback.failed(cause);
        }
    }

    // sends what is waiting (blocking), committing the response
    private void send() throws IOException {
        Content.Sink.write(response, false, ByteBuffer.wrap(pending, 0, count));
        count = 0;
    }

    private final class ResponseBody extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            if (count < pending.length) {
                pending[count++] = (byte) b;
            } else {
                write(new byte[] {(byte) b}, 0, 1); // grows the buffer, or sends it
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (count + length > SEND_AT) {
                send();
                if (length >= SEND_AT) {
                    Content.Sink.write(response, false, ByteBuffer.wrap(bytes, offset, length));
                    return;
                }
            }
            if (count + length > pending.length) {
                pending = Arrays.copyOf(pending, Math.min(SEND_AT, Math.max(count + length, 2 * pending.length)));
            }
            System.arraycopy(bytes, offset, pending, count, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            send();
        }
    }

    /**
     * The request body, counted against the limit (a chunked body declares no length); a malformed
     * or oversized body is the client's fault, said as such.
     */
    private static final class RequestBody extends InputStream {
        private final InputStream in;
        private final long max;
        private long read;

        RequestBody(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = in.read();
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
            return b < 0 ? b : counted(1) == 1 ? b : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n;
            try {
                n = in.read(bytes, offset, length);
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
            return n < 0 ? n : counted(n);
        }

        private int counted(int n) throws BadRequestException {
            read += n;
            if (read > max) {
                throw new BadRequestException(FailureCode.E_BODY_TOO_LARGE, "the request body is larger than " + max
                        + " bytes (graft.http.maxBodyBytes)", null);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** @return a {@link BadRequestException} if Jetty blamed the request, else the exception itself */
    static IOException translate(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                FailureCode code = http.getCode() == 413 ? FailureCode.E_BODY_TOO_LARGE : FailureCode.E_BAD_REQUEST;
                String reason = http.getReason() == null ? code.meaning() : http.getReason();
                return new BadRequestException(code, reason, e);
            }
        }
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
    }
}
