package dev.graft.bench.nativecalls;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.graft.nativebridge.internal.isolate.WorkerLauncher;
import dev.graft.nativebridge.internal.slot.BoundInterface;
import dev.graft.nativebridge.internal.slot.BoundProxy;
import dev.graft.nativebridge.internal.slot.Declaration;
import dev.graft.nativebridge.internal.slot.LibraryLoader;
import dev.graft.nativebridge.internal.slot.LibrarySlot;
import dev.graft.nativebridge.internal.store.ContentStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgi.service.log.Logger;

/**
 * {@code calc_add(a, b)} of libcalc (the native-calc example's library, built by gcc): through the
 * native bridge's proxy (its real classes: loader, slot, bound proxy), through JNA's own interface
 * mapping of the same file (the same mapping, without the bridge), as a plain Java add, and through
 * an isolated library's worker process (a loopback round trip per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NativeCallBenchmark {

    /** JNA's interface mapping, as a module would write it without the bridge. */
    public interface RawCalc extends Library {
        int calc_add(int a, int b);
    }

    /** The same function, bound through the bridge (a plain interface). */
    public interface Calc {
        int calc_add(int a, int b);
    }

    private Path dir;
    private RawCalc raw;
    private Calc bridge;
    private Calc isolated;
    private LibraryLoader loader;
    private LibrarySlot inProcessSlot;
    private LibrarySlot isolatedSlot;
    private int a = 2;
    private int b = 3;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("graft-native-bench");
        Path library = dir.resolve("libcalc.so");
        try (InputStream in = NativeCallBenchmark.class.getClassLoader().getResourceAsStream("native/linux-x86-64/libcalc.so")) {
            Files.copy(in, library);
        }
        raw = Native.load(library.toString(), RawCalc.class);

        Logger quiet = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("nativebridge") || p.contains("jna-")).toList();
        WorkerLauncher workers = new WorkerLauncher(classPath, dir.resolve("worker"), quiet);
        loader = new LibraryLoader(new ContentStore(dir.resolve("lib")), workers::start, quiet);
        inProcessSlot = new LibrarySlot("calc");
        isolatedSlot = new LibrarySlot("calc-isolated");
        bridge = bind(inProcessSlot, false, library);
        isolated = bind(isolatedSlot, true, library);
        if (bridge.calc_add(2, 3) != 5 || raw.calc_add(2, 3) != 5 || isolated.calc_add(2, 3) != 5) {
            throw new IllegalStateException("calc_add(2, 3) is not 5");
        }
    }

    private Calc bind(LibrarySlot slot, boolean isolatedMode, Path library) {
        loader.load(slot, new Declaration(slot.name(), isolatedMode, null, 0, 5_000, "bench", library.toString(),
                "libcalc.so", () -> Files.newInputStream(library), null), false);
        BoundInterface bound = new BoundInterface(Calc.class, 0);
        loader.bind(slot, bound);
        return (Calc) Proxy.newProxyInstance(Calc.class.getClassLoader(), new Class<?>[] {Calc.class}, new BoundProxy(slot, bound));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        loader.unload(inProcessSlot);
        loader.unload(isolatedSlot);
    }

    @Benchmark
    public int plainJava() {
        return a + b;
    }

    @Benchmark
    public int rawJna() {
        return raw.calc_add(a, b);
    }

    @Benchmark
    public int bridge() {
        return bridge.calc_add(a, b);
    }

    @Benchmark
    public int isolatedWorker() {
        return isolated.calc_add(a, b);
    }
}
