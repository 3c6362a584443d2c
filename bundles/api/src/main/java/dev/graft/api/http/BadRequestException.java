package dev.graft.api.http;

import dev.graft.api.FailureCode;
import java.io.IOException;

/**
 * The request itself is at fault — a malformed body, a body larger than the server accepts: the
 * client gets {@link #code()}'s status, never a module's {@code 500}. Thrown by
 * {@link HttpExchange#requestBody()}'s stream; a route that lets it escape is not blamed for it.
 *
 * @since 1.0
 */
public class BadRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    private final FailureCode code;

    /**
     * @param code {@link FailureCode#E_BAD_REQUEST} or {@link FailureCode#E_BODY_TOO_LARGE}
     * @param message what was wrong, for the client and the debug log
     * @param cause the server's own exception, if any
     */
    public BadRequestException(FailureCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return the failure code, which carries the HTTP status */
    public FailureCode code() {
        return code;
    }
}
