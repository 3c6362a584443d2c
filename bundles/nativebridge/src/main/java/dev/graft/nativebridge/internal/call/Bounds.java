package dev.graft.nativebridge.internal.call;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeBridge;
import java.nio.charset.StandardCharsets;

/** What may cross the boundary: strings and buffers up to {@link NativeBridge#MAX_STRING_BYTES}. */
public final class Bounds {

    private Bounds() {}

    /** @throws IllegalArgumentException naming the function and the argument that is too large */
    public static void check(String library, String function, Object[] args) {
        if (args == null) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            long size = arg instanceof String s ? (s.length() * 3L > NativeBridge.MAX_STRING_BYTES
                    ? s.getBytes(StandardCharsets.UTF_8).length : 0) : arg instanceof byte[] b ? b.length : 0;
            if (size > NativeBridge.MAX_STRING_BYTES) {
                throw new IllegalArgumentException("library " + library + ": argument " + (i + 1) + " of " + function + " is "
                        + size + " bytes; at most " + NativeBridge.MAX_STRING_BYTES + " cross to native code ("
                        + FailureCode.E_BAD_REQUEST + ")");
            }
        }
    }
}
