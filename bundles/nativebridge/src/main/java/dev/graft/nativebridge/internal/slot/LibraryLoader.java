package dev.graft.nativebridge.internal.slot;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.nativebridge.internal.call.JnaLibrary;
import dev.graft.nativebridge.internal.call.LoadedLibrary;
import dev.graft.nativebridge.internal.call.Signature;
import dev.graft.nativebridge.internal.check.LibraryFormat;
import dev.graft.nativebridge.internal.store.ContentStore;
import dev.graft.nativebridge.internal.store.ContentStore.Stored;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.osgi.service.log.Logger;

/**
 * Loads a declared library version beside the serving one, checks it (file, format, every bound
 * symbol, the ABI symbol), switches calls to it, and releases the old version once no call is inside
 * it. A version that fails a check is closed again and never serves; the serving one is untouched.
 */
public final class LibraryLoader {

    /** Library files larger than this are refused. */
    static final long MAX_LIBRARY_BYTES = 512L * 1024 * 1024;
    /** How long a reload waits for calls to leave the old version before it hands the wait to a thread. */
    private static final long DRAIN_WAIT_MILLIS = 2_000;

    private final ContentStore store;
    private final BiFunction<Declaration, Path, LoadedLibrary> isolated;
    private final Logger log;
    private final LibraryFormat.Expected expected = LibraryFormat.Expected.ofThisProcess();
    private final AtomicLong generation = new AtomicLong();
    private final Map<Path, Integer> live = new HashMap<>();

    /** @param isolated starts a worker for a version in isolated mode */
    public LibraryLoader(ContentStore store, BiFunction<Declaration, Path, LoadedLibrary> isolated, Logger log) {
        this.store = store;
        this.isolated = isolated;
        this.log = log;
    }

    /**
     * @param force load even if the serving version has the same content
     * @throws NativeException the code of the failed check; the serving version keeps serving
     */
    public void load(LibrarySlot slot, Declaration declaration, boolean force) {
        synchronized (slot) {
            try {
                loadLocked(slot, declaration, force);
            } catch (NativeException e) {
                slot.failed(e, false);
                LibraryVersion serving = slot.current();
                log.warn("{} {}{}", e.code(), e.getMessage(), serving == null ? "" : "; version "
                        + serving.stored().version() + " keeps serving");
                throw e;
            }
        }
    }

    private void loadLocked(LibrarySlot slot, Declaration d, boolean force) {
        String name = slot.name();
        Stored stored;
        try (InputStream in = d.opener().open()) {
            stored = store.put(in, d.fileName(), MAX_LIBRARY_BYTES);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, name, "library " + name + ": no file " + d.origin());
        } catch (IOException e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, name, "library " + name + ": cannot read " + d.origin()
                    + ": " + e.getMessage(), e);
        }
        LibraryVersion serving = slot.current();
        if (!force && serving != null && serving.stored().sha256().equals(stored.sha256())
                && serving.declaration().isolated() == d.isolated() && serving.declaration().abiVersion() == d.abiVersion()) {
            slot.declaration(d);
            return;
        }
        acquire(stored);
        LoadedLibrary library = null;
        try {
            LibraryFormat.check(name, stored.path(), expected);
            library = d.isolated() ? isolated.apply(d, stored.path())
                    : JnaLibrary.open(name, stored.path(), generation.incrementAndGet());
            checkSymbols(slot, stored, library, slot.bound());
            checkAbi(name, stored, d, library);
        } catch (RuntimeException e) {
            if (library != null) {
                library.close();
            }
            release(stored);
            throw e;
        }
        LibraryVersion next = new LibraryVersion(d, stored, library);
        slot.declaration(d);
        LibraryVersion old = slot.switchTo(next);
        log.info("library {}: version {} serves ({}, {}, from {}){}", name, stored.version(), d.mode(), stored.path(),
                d.origin(), old == null ? "" : "; version " + old.stored().version() + " drains");
        if (old != null) {
            retire(slot, old);
        }
    }

    /** Binds an interface: the serving version (if any) must have every symbol it needs. */
    public void bind(LibrarySlot slot, BoundInterface bound) {
        synchronized (slot) {
            LibraryVersion serving = slot.current();
            if (serving != null) {
                try {
                    checkSymbols(slot, serving.stored(), serving.library(), List.of(bound));
                } catch (NativeException e) {
                    slot.failed(e, false);
                    throw e;
                }
            }
            slot.bound().add(bound);
        }
    }

    /** Forgets the interfaces a bundle bound. */
    public void unbind(LibrarySlot slot, long bundleId) {
        synchronized (slot) {
            for (BoundInterface bound : slot.bound()) {
                if (bound.bundleId() == bundleId) {
                    slot.bound().remove(bound);
                    LibraryVersion serving = slot.current();
                    if (serving != null) {
                        serving.forget(bound);
                    }
                    slot.draining().forEach(v -> v.forget(bound));
                }
            }
        }
    }

    /** No declaration is left (or the bridge stops): the serving version drains and is released. */
    public void unload(LibrarySlot slot) {
        synchronized (slot) {
            LibraryVersion old = slot.switchTo(null);
            if (old != null) {
                log.info("library {}: version {} is no longer declared; it drains", slot.name(), old.stored().version());
                retire(slot, old);
            }
        }
    }

    private void checkSymbols(LibrarySlot slot, Stored stored, LoadedLibrary library, List<BoundInterface> bound) {
        for (BoundInterface b : bound) {
            List<String> missing = library.missing(b.symbols());
            if (!missing.isEmpty()) {
                String symbol = missing.get(0);
                throw new NativeException(FailureCode.E_NATIVE_SYMBOL, slot.name(), "library " + slot.name() + ": version "
                        + stored.version() + " (" + stored.path().getFileName() + ") has no function " + symbol
                        + ", which " + b.method(symbol) + " needs" + (missing.size() > 1 ? " (also missing: "
                        + String.join(", ", missing.subList(1, missing.size())) + ")" : ""));
            }
        }
    }

    private static void checkAbi(String name, Stored stored, Declaration d, LoadedLibrary library) {
        if (d.abiSymbol() == null) {
            return;
        }
        if (!library.missing(List.of(d.abiSymbol())).isEmpty()) {
            throw new NativeException(FailureCode.E_NATIVE_ABI, name, "library " + name + ": version " + stored.version()
                    + " has no ABI symbol " + d.abiSymbol() + " (expected it to return " + d.abiVersion() + ")");
        }
        Object version = library.invoker(d.abiSymbol(), new Signature('I', "")).invoke(new Object[0]);
        if (!Integer.valueOf(d.abiVersion()).equals(version)) {
            throw new NativeException(FailureCode.E_NATIVE_ABI, name, "library " + name + ": version " + stored.version()
                    + " gives ABI " + version + " from " + d.abiSymbol() + "(); expected " + d.abiVersion());
        }
    }

    // the old version takes no new call; it is closed once the calls inside it are done
    private void retire(LibrarySlot slot, LibraryVersion old) {
        if (!awaitDrained(old, DRAIN_WAIT_MILLIS)) {
            Thread waiter = new Thread(() -> {
                while (!awaitDrained(old, 60_000)) {
                    log.warn("library {}: version {} still has {} call(s) inside; it is released once they return",
                            slot.name(), old.stored().version(), old.inFlight());
                }
                release(slot, old);
            }, "graft-native-drain " + slot.name());
            waiter.setDaemon(true);
            waiter.start();
            return;
        }
        release(slot, old);
    }

    private void release(LibrarySlot slot, LibraryVersion old) {
        Boolean unmapped = old.library().close();
        boolean stillUsed = release(old.stored());
        slot.drained(old, stillUsed ? null : unmapped);
        if (Boolean.FALSE.equals(unmapped) && !stillUsed) {
            log.warn("library {}: version {} was released, but the operating system did not unmap it ({} stays in"
                    + " /proc/self/maps)", slot.name(), old.stored().version(), old.stored().path());
        }
    }

    private static boolean awaitDrained(LibraryVersion version, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (version.inFlight() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized void acquire(Stored stored) {
        live.merge(stored.path(), 1, Integer::sum);
    }

    /** @return whether another version still uses the same copy */
    private synchronized boolean release(Stored stored) {
        int left = live.merge(stored.path(), -1, Integer::sum);
        if (left <= 0) {
            live.remove(stored.path());
            store.delete(stored);
            return false;
        }
        return true;
    }

    /** @return the copies in use, for the shell */
    public synchronized List<Path> livePaths() {
        return new ArrayList<>(live.keySet());
    }
}
