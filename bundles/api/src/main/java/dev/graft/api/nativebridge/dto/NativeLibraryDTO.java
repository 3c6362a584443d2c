package dev.graft.api.nativebridge.dto;

import org.osgi.dto.DTO;

/** A native library as the bridge sees it. */
public class NativeLibraryDTO extends DTO {

    /** A version serves. */
    public static final String STATE_ACTIVE = "ACTIVE";
    /** No version serves: every version declared so far failed its checks, or none is declared. */
    public static final String STATE_FAILED = "FAILED";
    /** Isolated: the worker crashed and is restarting. */
    public static final String STATE_RESTARTING = "RESTARTING";

    /** The declared name. */
    public String name;

    /** One of the {@code STATE_} constants. */
    public String state;

    /** {@code in-process} or {@code isolated}. */
    public String mode;

    /** The serving version: the first 12 hex digits of the file's SHA-256, or null. */
    public String version;

    /** Where it is declared: {@code deploy/native/<name>.properties} or {@code bsn/version}. */
    public String source;

    /** The file it was copied from (in the bundle, or in deploy/native/). */
    public String origin;

    /** The content-addressed copy under data/ that is loaded, or null. */
    public String path;

    /** Calls to the serving version, and calls inside it now. */
    public long calls;

    /** Calls now inside any version (serving or draining). */
    public int inFlight;

    /** Calls that failed (crash, timeout, missing library), since Graft started. */
    public long failures;

    /** Isolated: how many times the worker was restarted after a crash or a timeout. */
    public int restarts;

    /** When the serving version was loaded, milliseconds since the epoch; 0 if none. */
    public long loadedAt;

    /** How many versions were loaded (switched to) since Graft started. */
    public int reloads;

    /**
     * Whether the operating system unmapped the last released version (it left the process's
     * /proc/self/maps); null if none was released or it is not known (not Linux, isolated mode).
     */
    public Boolean lastReleaseUnmapped;

    /** The code of the last failure (a refused version or a failed call), or null. */
    public String lastErrorCode;

    /** Its message, or null. */
    public String lastError;
}
