package dev.graft.nativebridge.internal;

import com.sun.jna.Library;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.nativebridge.dto.NativeLibraryDTO;
import dev.graft.nativebridge.internal.call.Bounds;
import dev.graft.nativebridge.internal.call.Signature;
import dev.graft.nativebridge.internal.isolate.WorkerLauncher;
import dev.graft.nativebridge.internal.isolate.WorkerLibrary;
import dev.graft.nativebridge.internal.slot.BoundInterface;
import dev.graft.nativebridge.internal.slot.BoundProxy;
import dev.graft.nativebridge.internal.slot.Declaration;
import dev.graft.nativebridge.internal.slot.LibraryLoader;
import dev.graft.nativebridge.internal.slot.LibrarySlot;
import dev.graft.nativebridge.internal.slot.LibraryVersion;
import dev.graft.nativebridge.internal.source.BundleSource;
import dev.graft.nativebridge.internal.source.Declarations;
import dev.graft.nativebridge.internal.source.FolderSource;
import dev.graft.nativebridge.internal.store.ContentStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The libraries by name and where they are declared. Of a name's declarations, the one in
 * {@code deploy/native/} wins, else the highest bundle version; when the winner changes (or its file
 * does), its file is loaded beside the serving version and switched to if it passes the checks.
 * Paths: {@code ${graft.home}/deploy/native} (declarations), {@code ${graft.home}/data/native}
 * (the content-addressed copies, the workers' jars and output).
 */
@Component(service = NativeRegistry.class, immediate = true)
public final class NativeRegistry implements Declarations {

    private final Logger log;
    private final ContentStore store;
    private final LibraryLoader loader;
    private final FolderSource folder;
    private final BundleSource bundles;
    private final Map<String, LibrarySlot> slots = new ConcurrentHashMap<>();
    private final Map<String, List<Declaration>> declared = new ConcurrentHashMap<>();
    // a module's own copy of a library that failed its checks, by name and source: binding it fails
    private final Map<String, NativeException> refused = new ConcurrentHashMap<>();

    @Activate
    public NativeRegistry(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        Path home = Path.of(context.getProperty("graft.home") == null ? "." : context.getProperty("graft.home"));
        Path data = home.resolve("data/native");
        this.store = new ContentStore(data.resolve("lib"));
        store.clear(); // nothing is loaded at start: every copy there is from an earlier run
        // Library, not Native: loading Native loads JNA's native part, which waits for the first library
        WorkerLauncher workers = new WorkerLauncher(context.getBundle(), FrameworkUtil.getBundle(Library.class),
                data.resolve("worker"), log);
        this.loader = new LibraryLoader(store, (declaration, path) -> workers.start(declaration, path), log);
        this.folder = new FolderSource(home.resolve("deploy/native"), this, log);
        this.bundles = new BundleSource(context, this, log);
        folder.start();
        bundles.open();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        folder.stop();
        bundles.close();
        slots.values().forEach(loader::unload);
    }

    LibrarySlot slot(String name) {
        return slots.computeIfAbsent(name, LibrarySlot::new);
    }

    @Override
    public void declare(Declaration declaration) {
        List<Declaration> list = declared.computeIfAbsent(declaration.name(), n -> new ArrayList<>());
        synchronized (list) {
            list.removeIf(d -> d.source().equals(declaration.source()));
            list.add(declaration);
        }
        String key = declaration.name() + "\n" + declaration.source();
        refused.remove(key);
        try {
            settle(declaration.name(), false);
        } catch (NativeException e) {
            if (winner(declaration.name()) == declaration) {
                refused.put(key, e);
            }
            throw e;
        }
    }

    @Override
    public void withdraw(String name, String source) {
        List<Declaration> list = declared.get(name);
        if (list == null) {
            return;
        }
        synchronized (list) {
            list.removeIf(d -> d.source().equals(source));
        }
        refused.remove(name + "\n" + source);
        settle(name, false);
    }

    private Declaration winner(String name) {
        List<Declaration> list = declared.get(name);
        if (list == null) {
            return null;
        }
        synchronized (list) {
            Declaration best = null;
            for (Declaration d : list) {
                if (d.precedes(best)) {
                    best = d;
                }
            }
            return best;
        }
    }

    private void settle(String name, boolean force) {
        LibrarySlot slot = slot(name);
        Declaration winner = winner(name);
        if (winner == null) {
            loader.unload(slot);
            return;
        }
        loader.load(slot, winner, force);
    }

    /** @see dev.graft.api.nativebridge.NativeBridge#reload */
    NativeLibraryDTO reload(String name) {
        // a changed file in deploy/native/ is taken now; if that already loaded a new version, done
        int before = slot(name).reloads();
        folder.scanNow();
        if (slot(name).reloads() != before && slot(name).current() != null) {
            return dto(slot(name));
        }
        if (winner(name) == null) {
            throw new IllegalArgumentException("no library named " + name + " is declared (graft:native lists them)");
        }
        settle(name, true);
        return dto(slot(name));
    }

    /**
     * @param source the binding bundle as {@code bsn/version}: if its own copy of the library was
     *     refused, binding fails with that refusal, so the module version fails to start (and a
     *     deployment rolls it back) instead of running beside a library it did not ship
     */
    <T> T bind(String name, Class<T> type, long bundleId, String source) {
        NativeException refusal = source == null ? null : refused.get(name + "\n" + source);
        if (refusal != null) {
            // no cause: DS reports the first line of a failed activation, and this one names the code
            throw new NativeException(refusal.code(), name, refusal.code() + " " + refusal.getMessage()
                    + " (the library this module version ships was refused)");
        }
        BoundInterface bound = new BoundInterface(type, bundleId);
        LibrarySlot slot = slot(name);
        loader.bind(slot, bound);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new BoundProxy(slot, bound)));
    }

    void unbind(long bundleId) {
        slots.values().forEach(slot -> loader.unbind(slot, bundleId));
    }

    Object call(String name, String function, Class<?> returnType, Object... args) {
        LibrarySlot slot = slots.get(name);
        if (slot == null || winner(name) == null) {
            throw new IllegalArgumentException("no library named " + name + " is declared (graft:native lists them)");
        }
        Signature signature = Signature.of(returnType, args);
        Bounds.check(name, function, args);
        while (true) {
            LibraryVersion version = slot.current();
            if (version == null) {
                throw new NativeException(dev.graft.api.FailureCode.E_NATIVE_MISSING, name, "library " + name
                        + ": no version serves" + (slot.lastError() == null ? "" : " (last failure: " + slot.lastError().getMessage() + ")"));
            }
            if (!version.enter()) {
                continue;
            }
            try {
                return version.library().invoker(function, signature).invoke(args);
            } catch (NativeException e) {
                slot.failed(e, true);
                throw e;
            } finally {
                version.exit();
            }
        }
    }

    List<NativeLibraryDTO> libraries() {
        return slots.values().stream()
                .filter(s -> s.current() != null || winner(s.name()) != null || s.lastError() != null || !s.bound().isEmpty())
                .sorted(Comparator.comparing(LibrarySlot::name)).map(this::dto).toList();
    }

    NativeLibraryDTO dto(LibrarySlot slot) {
        NativeLibraryDTO dto = new NativeLibraryDTO();
        dto.name = slot.name();
        LibraryVersion version = slot.current();
        Declaration declaration = version != null ? version.declaration() : winner(slot.name());
        dto.mode = declaration == null ? null : declaration.mode();
        dto.source = declaration == null ? null : declaration.source();
        dto.origin = declaration == null ? null : declaration.origin();
        dto.inFlight = slot.draining().stream().mapToInt(LibraryVersion::inFlight).sum();
        if (version != null) {
            dto.version = version.stored().version();
            dto.path = version.stored().path().toString();
            dto.calls = version.calls();
            dto.inFlight += version.inFlight();
            dto.loadedAt = version.loadedAt();
            dto.state = NativeLibraryDTO.STATE_ACTIVE;
            if (version.library() instanceof WorkerLibrary worker) {
                dto.restarts = worker.restarts();
                if (worker.pid() < 0) {
                    dto.state = NativeLibraryDTO.STATE_RESTARTING;
                }
            }
        } else {
            dto.state = NativeLibraryDTO.STATE_FAILED;
        }
        dto.failures = slot.failures();
        dto.reloads = slot.reloads();
        dto.lastReleaseUnmapped = slot.lastReleaseUnmapped();
        NativeException error = slot.lastError();
        if (error != null) {
            dto.lastErrorCode = error.code().name();
            dto.lastError = error.getMessage();
        }
        return dto;
    }
}
