package dev.graft.nativebridge.internal.slot;

import dev.graft.api.nativebridge.NativeException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A library by name: the version that serves (read by every call, switched by a reload), the
 * versions still draining, the interfaces bound to it and what went wrong last. Loads and switches
 * are serialized on the slot; calls never lock.
 */
public final class LibrarySlot {

    private final String name;
    private volatile LibraryVersion current;
    private volatile Declaration declaration;
    private final Set<LibraryVersion> draining = ConcurrentHashMap.newKeySet();
    private final List<BoundInterface> bound = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile int reloads;
    private volatile Boolean lastReleaseUnmapped;
    private volatile NativeException lastError;

    public LibrarySlot(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** @return the version that serves, or null */
    public LibraryVersion current() {
        return current;
    }

    /** @return the declaration the serving version came from (or the last one tried), or null */
    public Declaration declaration() {
        return declaration;
    }

    void declaration(Declaration declaration) {
        this.declaration = declaration;
    }

    /** Switches calls to {@code next}; @return the version it replaces, or null */
    LibraryVersion switchTo(LibraryVersion next) {
        LibraryVersion old = current;
        current = next;
        if (next != null) {
            reloads++;
        }
        if (old != null) {
            old.retire();
            draining.add(old);
        }
        return old;
    }

    void drained(LibraryVersion old, Boolean unmapped) {
        draining.remove(old);
        lastReleaseUnmapped = unmapped;
    }

    public Set<LibraryVersion> draining() {
        return draining;
    }

    public List<BoundInterface> bound() {
        return bound;
    }

    /** Records a failed call or a refused version. */
    public void failed(NativeException e, boolean call) {
        if (call) {
            failures.incrementAndGet();
        }
        lastError = e;
    }

    public long failures() {
        return failures.get();
    }

    public int reloads() {
        return reloads;
    }

    public Boolean lastReleaseUnmapped() {
        return lastReleaseUnmapped;
    }

    public NativeException lastError() {
        return lastError;
    }
}
