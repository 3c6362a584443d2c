package dev.graft.launcher.internal;

import dev.graft.launcher.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders only the user running Graft may read: {@code data/} (the framework cache, staged module
 * copies, logs, deployment state) and {@code etc/trust/} (the certificates modules are checked
 * against). Created if missing ({@code etc/trust/} only if it exists); on file systems without
 * POSIX permissions nothing is changed.
 */
public final class OwnerOnly {

    private OwnerOnly() {}

    /** @param data created if missing; @param others changed only if they exist */
    public static void protect(Path data, Path... others) throws LaunchException {
        try {
            Files.createDirectories(data);
            restrict(data);
            for (Path other : others) {
                if (Files.isDirectory(other)) {
                    restrict(other);
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cannot create or protect " + data + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
