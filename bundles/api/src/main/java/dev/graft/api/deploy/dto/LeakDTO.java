package dev.graft.api.deploy.dto;

import java.util.List;
import org.osgi.dto.DTO;

/**
 * A retired module version whose class loader was still reachable after a garbage collection: its
 * classes, and everything they hold, stay in memory.
 */
public class LeakDTO extends DTO {

    /** The bundle symbolic name. */
    public String module;

    /** The version that was retired. */
    public String version;

    /** When it was retired (uninstalled, or replaced by an update), milliseconds since the epoch. */
    public long retiredAt;

    /**
     * The live threads that hold its class loader, by name, each with how it holds it: the thread's
     * class was loaded by it, or it is the thread's context class loader. Empty if no thread does.
     */
    public List<String> threads;

    /**
     * What else is known to hold it, a line each: e.g. that the framework has not refreshed it yet
     * (its wiring is still in use). Empty if no known root holds it: then some other object does
     * (a static field of a runtime bundle, a registry, a thread local); a heap dump tells which.
     */
    public List<String> roots;
}
