package dev.graft.nativebridge.internal.slot;

import dev.graft.nativebridge.internal.call.Invoker;
import dev.graft.nativebridge.internal.call.LoadedLibrary;
import dev.graft.nativebridge.internal.store.ContentStore.Stored;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One loaded version of a library, with the calls inside it. A call enters before it touches the
 * library and leaves after; a retired version admits no new call, and is closed only once the count is
 * back at zero. The count and the retired flag are read in opposite orders by a caller (enter, then
 * check retired) and by the retirer (retire, then read the count), so one of the two always sees the
 * other.
 */
public final class LibraryVersion {

    private final Declaration declaration;
    private final Stored stored;
    private final LoadedLibrary library;
    private final long loadedAt = System.currentTimeMillis();
    // calls in flight = entered - left; two counters that only grow, so a call costs two increments
    private final LongAdder entered = new LongAdder();
    private final LongAdder left = new LongAdder();
    private final ConcurrentHashMap<BoundInterface, Invoker[]> invokers = new ConcurrentHashMap<>();
    private volatile boolean retired;

    LibraryVersion(Declaration declaration, Stored stored, LoadedLibrary library) {
        this.declaration = declaration;
        this.stored = stored;
        this.library = library;
    }

    /** @return false if the version is retired: the caller must take the serving one */
    public boolean enter() {
        entered.increment();
        if (retired) {
            left.increment();
            return false;
        }
        return true;
    }

    public void exit() {
        left.increment();
    }

    /** @return the calls of the bound interface, resolved in this version */
    public Invoker[] invokers(BoundInterface bound) {
        return invokers.computeIfAbsent(bound, b -> {
            Invoker[] resolved = new Invoker[b.methods().length];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = library.invoker(b.methods()[i].getName(), b.signatures()[i]);
            }
            return resolved;
        });
    }

    /** Forgets an interface whose module went away (its classes must not stay reachable). */
    void forget(BoundInterface bound) {
        invokers.remove(bound);
    }

    void retire() {
        retired = true;
    }

    public boolean retired() {
        return retired;
    }

    public int inFlight() {
        // read left first: a call counted in left was counted in entered before, so the difference is never negative
        long out = left.sum();
        return (int) Math.max(0, entered.sum() - out);
    }

    /** @return the calls that entered this version (a call that raced a switch and retried counts once more) */
    public long calls() {
        return entered.sum();
    }

    public Declaration declaration() {
        return declaration;
    }

    public Stored stored() {
        return stored;
    }

    public LoadedLibrary library() {
        return library;
    }

    public long loadedAt() {
        return loadedAt;
    }
}
