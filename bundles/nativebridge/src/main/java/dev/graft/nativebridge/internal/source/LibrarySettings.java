package dev.graft.nativebridge.internal.source;

import dev.graft.api.nativebridge.NativeBridge;
import java.util.Map;

/** The settings a descriptor or a header clause may give a library, checked. */
record LibrarySettings(boolean isolated, String abiSymbol, int abiVersion, long timeoutMillis) {

    static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

    /** @throws IllegalArgumentException naming the setting and what it accepts */
    static LibrarySettings of(Map<String, String> values) {
        String mode = values.getOrDefault("mode", NativeBridge.MODE_IN_PROCESS).trim();
        if (!mode.equals(NativeBridge.MODE_IN_PROCESS) && !mode.equals(NativeBridge.MODE_ISOLATED)) {
            throw new IllegalArgumentException("mode=" + mode + " is neither in-process nor isolated");
        }
        String abiSymbol = values.get("abi.symbol");
        int abiVersion = 0;
        if (abiSymbol != null) {
            abiSymbol = abiSymbol.trim();
            String version = values.get("abi.version");
            if (version == null) {
                throw new IllegalArgumentException("abi.symbol=" + abiSymbol + " needs abi.version");
            }
            abiVersion = integer("abi.version", version, Integer.MIN_VALUE);
        }
        long timeout = values.containsKey("call.timeout.millis")
                ? integer("call.timeout.millis", values.get("call.timeout.millis"), 1) : DEFAULT_TIMEOUT_MILLIS;
        return new LibrarySettings(mode.equals(NativeBridge.MODE_ISOLATED), abiSymbol, abiVersion, timeout);
    }

    private static int integer(String key, String value, int min) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw new IllegalArgumentException(key + "=" + value + " is below " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a whole number");
        }
    }
}
