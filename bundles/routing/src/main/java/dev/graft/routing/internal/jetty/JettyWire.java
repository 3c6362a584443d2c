package dev.graft.routing.internal.jetty;

import dev.graft.routing.internal.dispatch.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A {@link Wire} over Jetty's own request and response. The body is kept until the route is done
 * (or {@value #SEND_AT} bytes are waiting), so that a small answer leaves in one write, and an
 * error answer can still replace a body that has not been sent.
 */
final class JettyWire implements Wire {

    static final int SEND_AT = 16 * 1024;

    private final Request request;
    private final Response response;
    private final String path;
    private Fields query;
    private InputStream requestBody;
    private OutputStream responseBody;
    private byte[] pending = new byte[0];
    private int count;

    JettyWire(Request request, Response response, String path) {
        this.request = request;
        this.response = response;
        this.path = path;
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
            requestBody = Content.Source.asInputStream(request);
        }
        return requestBody;
    }

    @Override
    public void status(int code) {
        response.setStatus(code);
    }

    @Override
    public void responseHeader(String name, String value) {
        response.getHeaders().put(name, value);
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
            responseBody = new OutputStream() {
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
            };
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

    // sends what is waiting (blocking), committing the response
    private void send() throws IOException {
        Content.Sink.write(response, false, ByteBuffer.wrap(pending, 0, count));
        count = 0;
    }

    /** Sends the rest of the response and completes the request through {@code callback}. */
    void complete(Callback callback) {
        ByteBuffer rest = ByteBuffer.wrap(pending, 0, count);
        count = 0;
        response.write(true, rest, callback);
    }
}
