package dev.graft.nativebridge.internal.call;

import java.util.Collection;
import java.util.List;

/** One loaded version of a library: in this process (JNA) or in a worker process. */
public interface LoadedLibrary {

    /** @return those of {@code symbols} the library does not export */
    List<String> missing(Collection<String> symbols);

    /**
     * @return a ready call of {@code function}
     * @throws dev.graft.api.nativebridge.NativeException {@code E_NATIVE_SYMBOL} if it is missing
     */
    Invoker invoker(String function, Signature signature);

    /**
     * Releases the library; called once no call is inside it.
     *
     * @return whether the operating system unmapped it (it left /proc/self/maps), or null if not known
     */
    Boolean close();
}
