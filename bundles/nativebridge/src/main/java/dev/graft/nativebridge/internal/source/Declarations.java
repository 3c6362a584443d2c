package dev.graft.nativebridge.internal.source;

import dev.graft.nativebridge.internal.slot.Declaration;

/** Where sources report what they declare: the registry. */
public interface Declarations {

    /** A source declares (or declares again, changed) a library. */
    void declare(Declaration declaration);

    /** A source no longer declares the library. */
    void withdraw(String name, String source);
}
