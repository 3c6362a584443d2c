package dev.graft.nativebridge.internal.slot;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.framework.Version;

/**
 * Where a library comes from and how to load it: a descriptor in deploy/native/, or an entry of a
 * bundle's {@code Graft-NativeLibrary} header.
 *
 * @param name the library's name
 * @param isolated whether it runs in a worker process
 * @param abiSymbol a function returning the library's ABI version as an int, or null
 * @param abiVersion the version it must return (with {@code abiSymbol})
 * @param timeoutMillis isolated mode: how long a call may take
 * @param source {@code deploy/native/<name>.properties} or {@code bsn/version}
 * @param origin the file as the user knows it (a path, or an entry of a bundle)
 * @param fileName the name the content-addressed copy gets
 * @param opener reads the library's bytes
 * @param bundleVersion the declaring bundle's version; null for the folder (which wins)
 */
public record Declaration(String name, boolean isolated, String abiSymbol, int abiVersion, long timeoutMillis,
        String source, String origin, String fileName, Opener opener, Version bundleVersion) {

    /** Reads a library's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** @return whether this declaration wins over another of the same name */
    public boolean precedes(Declaration other) {
        if (other == null) {
            return true;
        }
        if (bundleVersion == null || other.bundleVersion == null) {
            return bundleVersion == null && other.bundleVersion != null;
        }
        return bundleVersion.compareTo(other.bundleVersion) > 0;
    }

    /** @return in-process or isolated */
    public String mode() {
        return isolated ? "isolated" : "in-process";
    }
}
