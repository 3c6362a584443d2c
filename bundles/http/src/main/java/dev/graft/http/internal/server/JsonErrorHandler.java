package dev.graft.http.internal.server;

import dev.graft.api.FailureCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's error answers — a malformed request, headers or a body over the limits, a failure
 * no handler answered — as Graft's JSON error bodies instead of Jetty's HTML pages.
 */
final class JsonErrorHandler extends ErrorHandler {

    static FailureCode codeFor(int status) {
        return switch (status) {
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> FailureCode.E_BODY_TOO_LARGE;
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> FailureCode.E_HEADERS_TOO_LARGE;
            case HttpStatus.NOT_FOUND_404 -> FailureCode.E_NO_ROUTE;
            default -> status >= 500 ? FailureCode.E_INTERNAL : FailureCode.E_BAD_REQUEST;
        };
    }

    static String body(int status, String reason) {
        FailureCode code = codeFor(status);
        String message = reason == null || reason.isBlank() ? code.meaning() : reason;
        return code.errorBody(message);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ERROR_STATUS);
        int code = status instanceof Integer value ? value : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message == null ? null : message.toString())
                .getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }
}
