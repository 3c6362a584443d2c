package dev.graft.api.nativebridge;

import dev.graft.api.FailureCode;

/**
 * A native library could not be loaded, checked or called. The message is one line naming the library,
 * the symbol or file, and what was expected; {@link #code()} says which way it failed
 * ({@code E_NATIVE_MISSING}, {@code E_NATIVE_ARCH}, {@code E_NATIVE_SYMBOL}, {@code E_NATIVE_ABI},
 * {@code E_NATIVE_CRASHED}, {@code E_NATIVE_TIMEOUT}). A route that lets it escape answers with the
 * code's status; a route may also catch it and answer {@link FailureCode#errorBody(String)} itself.
 *
 * @since 1.0
 */
public class NativeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureCode code;
    private final String library;

    /**
     * @param code the failure code
     * @param library the library's name
     * @param message one line: the library, the symbol or file, what was expected
     */
    public NativeException(FailureCode code, String library, String message) {
        this(code, library, message, null);
    }

    /**
     * @param code the failure code
     * @param library the library's name
     * @param message one line: the library, the symbol or file, what was expected
     * @param cause the underlying failure, or null
     */
    public NativeException(FailureCode code, String library, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.library = library;
    }

    /** @return the failure code */
    public FailureCode code() {
        return code;
    }

    /** @return the library's name */
    public String library() {
        return library;
    }
}
