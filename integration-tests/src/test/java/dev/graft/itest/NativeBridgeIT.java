package dev.graft.itest;

import static dev.graft.itest.Http.body;
import static dev.graft.itest.Http.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.nativebridge.NativeBridge;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Issue 13: C libraries as reloadable modules. The native-calc example (libcalc 1 built by gcc and
 * shipped in the module) serves {@code /calc/*} through the native bridge; libcalc 2 and its
 * descriptor, dropped into {@code deploy/native/}, replace it while requests flow; broken files are
 * refused with their codes while the serving version keeps answering; a crash in the isolated copy
 * fails one request; and 500 reloads leave no mapping or file descriptor behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class NativeBridgeIT extends GraftTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADD = "/calc/add?a=2&b=3";

    /** A probe-side view of libcalc, bound by the test itself. */
    public interface Adder {
        int calc_add(int a, int b);

        String calc_version();
    }

    @After
    public void clearFolders() throws Exception {
        Path home = home();
        DeployFolder.clear(home);
        Path natives = home.resolve("deploy/native");
        if (Files.isDirectory(natives)) {
            try (Stream<Path> files = Files.list(natives)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    public void theCalcRouteAnswersThroughTheBridgeAndTheShellShowsTheLibrary() throws Exception {
        startCalc();
        assertEquals("42 (libcalc 1)", http().get("/calc/mul?a=6&b=7").body());
        assertEquals("hello, ann, from libcalc 1", http().get("/calc/greet?name=ann").body());
        HttpResponse<String> bad = http().get("/calc/add?a=two&b=3");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body(), bad.body().startsWith("{\"error\":\"E_BAD_REQUEST\""));

        String listing = shell("graft:native");
        assertTrue(listing, listing.matches("(?s).*\\ncalc +ACTIVE +in-process +[0-9a-f]{12} .*dev\\.graft\\.examples\\.native-calc/1\\.0\\.0.*"));
        assertTrue(listing, listing.matches("(?s).*\\ncalc-isolated +ACTIVE +isolated .*"));
        assertTrue(listing, listing.contains("/data/native/lib/"));
        assertEquals("12", shell("graft:native-call calc calc_mul 3 4").strip());
        assertEquals("libcalc 1", shell("graft:native-call -r string calc calc_version").strip());
        assertEquals("-1", shell("graft:native-call calc calc_add 2 -3").strip());
        String missing = shell("graft:native-call calc calc_nothing");
        assertTrue(missing, missing.contains("E_NATIVE_SYMBOL") && missing.contains("calc_nothing"));
        assertTrue(shell("graft:help native-reload"), shell("graft:help native-reload").startsWith("usage: graft:native-reload <library>"));
    }

    @Test
    public void replacingTheLibraryWhileRequestsFlowChangesTheAnswerWithoutOneFailedRequest() throws Exception {
        startCalc();
        Load load = load(4, ADD);
        load.awaitAnswers(200, WAIT);
        dropLibcalc2();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (load.answers().getOrDefault("200 5 (libcalc 2)", 0) < 200) {
            assertTrue("libcalc 2 did not answer in time: " + load.answers(), System.nanoTime() < deadline);
            Thread.sleep(20);
        }
        load.stopAndCheck("while libcalc 1 was replaced by libcalc 2", "200 5 (libcalc 1)", "200 5 (libcalc 2)");
        assertEquals("5 (libcalc 2)", http().get(ADD).body());
        String listing = shell("graft:native");
        assertTrue(listing, listing.matches("(?s).*\\ncalc +ACTIVE +in-process .*deploy/native/calc\\.properties.*"));
        // libcalc 1's copy stays mapped: calc-isolated's worker is not in this process, but the copy is shared by content
        awaitLogLine(Duration.ofSeconds(5), "library calc: version", "deploy/native/libcalc-2.so); version", "drains");
    }

    @Test
    public void aNewModuleVersionShippingANewLibraryReloadsItAndRemovingThatVersionGoesBack() throws Exception {
        startCalc();
        byte[] libcalc2 = Files.readAllBytes(distribution().resolve("examples/native/libcalc-2.so"));
        Path jar = Files.write(home().resolve("native-calc-1.1.0.jar"),
                withLibrary(distribution().resolve("examples/native-calc-1.0.0.jar"), "1.1.0", libcalc2));
        Bundle newer = context.installBundle(jar.toUri().toString());
        newer.start();
        http().await(ADD, body("5 (libcalc 2)"), WAIT);
        String listing = shell("graft:native");
        assertTrue(listing, listing.matches("(?s).*\\ncalc +ACTIVE +in-process .*dev\\.graft\\.examples\\.native-calc/1\\.1\\.0.*"));

        newer.uninstall();
        http().await(ADD, body("5 (libcalc 1)"), WAIT);
    }

    @Test
    public void aModuleVersionWhoseLibraryIsRefusedFailsToDeployAndTheOldOneKeepsServing() throws Exception {
        http().await("/hello", status(200), WAIT);
        DeployFolder deploy = deployFolder();
        deploy.drop("native-calc.jar", Files.readAllBytes(distribution().resolve("examples/native-calc-1.0.0.jar")));
        http().await(ADD, body("5 (libcalc 1)"), WAIT);

        deploy.drop("native-calc.jar", withLibrary(distribution().resolve("examples/native-calc-1.0.0.jar"), "1.1.0",
                Files.readAllBytes(libm())));
        DeploymentDTO failed = deploy.awaitOutcome("native-calc.jar", DeploymentDTO.OUTCOME_FAILED, WAIT);
        assertEquals(failed.toString(), "E_START_FAILED", failed.failureCode);
        assertTrue(failed.message, failed.message.contains("failed to activate")
                && failed.message.matches(".*E_NATIVE_SYMBOL library calc(-isolated)?: version [0-9a-f]{12} \\(libcalc\\.so\\) has no function calc_add.*")
                && failed.message.contains("(the library this module version ships was refused)"));
        assertEquals("5 (libcalc 1)", http().get(ADD).body());
        assertEquals("dev.graft.examples.native-calc/1.0.0", http().get(ADD).headers().firstValue("Graft-Module").orElse(null));
    }

    @Test
    public void aWrongArchitectureAMissingSymbolAndAMissingFileEachGiveTheirCodeWhileTheOldVersionAnswers() throws Exception {
        startCalc();
        dropLibcalc2();
        http().await(ADD, body("5 (libcalc 2)"), WAIT);
        Path library = home().resolve("deploy/native/libcalc-2.so");

        // a 32-bit x86 ELF shared library header: what a wrong build looks like
        byte[] elf32 = new byte[52];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1}, 0, elf32, 0, 7);
        elf32[16] = 3; // ET_DYN
        elf32[18] = 3; // EM_386
        replace(library, elf32);
        String arch = shell("graft:native-reload calc");
        assertTrue(arch, arch.contains("E_NATIVE_ARCH") && arch.contains("a 32-bit ELF shared library for x86 (machine 3)")
                && arch.contains("64-bit ELF shared libraries for x86-64"));
        assertEquals("5 (libcalc 2)", http().get(ADD).body());

        replace(library, "MZ\u0090\u0000 a Windows DLL".getBytes());
        String pe = shell("graft:native-reload calc");
        assertTrue(pe, pe.contains("E_NATIVE_ARCH") && pe.contains("a Windows DLL (PE format)"));

        replace(library, Files.readAllBytes(libm())); // a real x86-64 shared library without calc_*
        String symbol = shell("graft:native-reload calc");
        assertTrue(symbol, symbol.contains("E_NATIVE_SYMBOL") && symbol.contains("has no function calc_add")
                && symbol.contains("dev.graft.examples.nativecalc.Calc#calc_add"));
        assertEquals("5 (libcalc 2)", http().get(ADD).body());

        Files.copy(distribution().resolve("examples/native/libcalc-2.so"), library, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(home().resolve("deploy/native/calc.properties"), "file=libcalc-2.so\nabi.symbol=calc_abi\nabi.version=2\n");
        String abi = shell("graft:native-reload calc");
        assertTrue(abi, abi.contains("E_NATIVE_ABI") && abi.contains("gives ABI 1 from calc_abi(); expected 2"));
        Files.writeString(home().resolve("deploy/native/calc.properties"), "file=libcalc-2.so\nabi.symbol=calc_abi\nabi.version=1\n");

        Files.delete(library);
        String missing = shell("graft:native-reload calc");
        assertTrue(missing, missing.contains("E_NATIVE_MISSING") && missing.contains("no file") && missing.contains("libcalc-2.so"));
        assertEquals("5 (libcalc 2)", http().get(ADD).body());
        String listing = shell("graft:native");
        assertTrue(listing, listing.contains("last error: E_NATIVE_MISSING"));
        awaitLogLine(Duration.ofSeconds(5), "E_NATIVE_ARCH library calc:", "keeps serving");
        awaitLogLine(Duration.ofSeconds(5), "E_NATIVE_SYMBOL library calc:", "keeps serving");
    }

    @Test
    public void aCrashInAnIsolatedLibraryIs502AndTheNextCallSucceedsOnARestartedWorker() throws Exception {
        startCalc();
        assertEquals("5 (libcalc 1)", http().await("/calc/isolated/add?a=2&b=3", status(200), WAIT).body());

        HttpResponse<String> crash = http().get("/calc/crash");
        assertEquals(crash.body(), 502, crash.statusCode());
        assertTrue(crash.body(), crash.body().startsWith("{\"error\":\"E_NATIVE_CRASHED\",\"message\":\"library calc-isolated: calc_crash crashed: the worker (pid "));
        assertTrue(crash.body(), crash.body().contains("SIGSEGV"));

        assertEquals("5 (libcalc 1)", http().get(ADD).body()); // in-process libcalc and Graft: untouched
        assertEquals("hello from 1.0.0", http().get("/hello").body());
        HttpResponse<String> again = http().get("/calc/isolated/add?a=20&b=22");
        assertEquals(again.body(), 200, again.statusCode());
        assertEquals("42 (libcalc 1)", again.body());
        String listing = shell("graft:native");
        assertTrue(listing, listing.contains("worker restarts: 1"));
        assertTrue(listing, listing.contains("last error: E_NATIVE_CRASHED"));
    }

    @Test
    public void anIsolatedCallPastItsTimeoutIs504AndItsWorkerIsReplaced() throws Exception {
        http().await("/hello", status(200), WAIT);
        Path natives = Files.createDirectories(home().resolve("deploy/native"));
        Files.copy(distribution().resolve("examples/native/libcalc-2.so"), natives.resolve("slow.so"));
        Files.writeString(natives.resolve("slow.properties"), "file=slow.so\nmode=isolated\ncall.timeout.millis=500\n");
        NativeBridge bridge = awaitService(NativeBridge.class, WAIT);
        awaitReload(bridge, "slow");
        long started = System.nanoTime();
        String timeout = shell("graft:native-call -r void slow calc_sleep 5000");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(timeout, timeout.contains("E_NATIVE_TIMEOUT library slow: calc_sleep did not return within 500 ms"));
        assertTrue("the timed-out call took " + millis + " ms", millis < 4_000);
        // the last line: on Java 25 a worker's start may log ProcessBuilder's debug line into the session
        String[] lines = shell("graft:native-call slow calc_add 2 3").strip().split("\n");
        assertEquals("5", lines[lines.length - 1].strip());
        assertTrue(shell("graft:native"), shell("graft:native").contains("worker restarts: 1"));
    }

    @Test
    public void fiveHundredReloadsLeaveTheMappedLibrariesAndOpenFilesAtTheBaseline() throws Exception {
        http().await("/hello", status(200), WAIT);
        Path natives = Files.createDirectories(home().resolve("deploy/native"));
        Path v1 = Files.write(home().resolve("libcalc-1.so"), libcalc1());
        Path v2 = distribution().resolve("examples/native/libcalc-2.so");
        Path file = natives.resolve("leak.so");
        Files.copy(v1, file);
        Files.writeString(natives.resolve("leak.properties"), "file=leak.so\n");
        NativeBridge bridge = awaitService(NativeBridge.class, WAIT);
        awaitReload(bridge, "leak");
        Adder adder = bridge.bind("leak", Adder.class);
        assertEquals("libcalc 1", adder.calc_version());

        List<String> baselineMaps = nativeMappings();
        long baselineFds = openFiles();
        assertTrue(baselineMaps.toString(), !baselineMaps.isEmpty());
        for (int i = 1; i <= 500; i++) {
            Path next = i % 2 == 0 ? v1 : v2;
            Path temp = natives.resolve(".leak.tmp");
            Files.copy(next, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            bridge.reload("leak");
            assertEquals(i % 2 == 0 ? "libcalc 1" : "libcalc 2", adder.calc_version());
            assertEquals(5, adder.calc_add(2, 3));
        }
        assertEquals(baselineMaps, nativeMappings());
        String listing = shell("graft:native");
        assertTrue(listing, listing.matches("(?s).*\\nleak +ACTIVE +in-process .*"));
        assertTrue(listing, listing.contains("the previous version was released and unmapped"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (openFiles() > baselineFds && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue("open files: " + openFiles() + ", baseline " + baselineFds, openFiles() <= baselineFds);
        try (Stream<Path> copies = Files.list(home().resolve("data/native/lib"))) {
            assertEquals("content-addressed copies left", 1, copies.filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }
        System.out.println("500 reloads: native mappings " + baselineMaps.size() + " -> " + nativeMappings().size()
                + ", open files " + baselineFds + " -> " + openFiles());
    }

    private void startCalc() throws Exception {
        installExample("native-calc-1.0.0.jar");
        http().await(ADD, body("5 (libcalc 1)"), WAIT);
    }

    // libcalc 2 and its descriptor, as the distribution ships them, dropped as a user would (library first)
    private void dropLibcalc2() throws IOException {
        Path natives = Files.createDirectories(home().resolve("deploy/native"));
        Path examples = distribution().resolve("examples/native");
        Files.copy(examples.resolve("libcalc-2.so"), natives.resolve("libcalc-2.so"), StandardCopyOption.REPLACE_EXISTING);
        Path temp = natives.resolve(".calc.tmp");
        Files.copy(examples.resolve("calc.properties"), temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, natives.resolve("calc.properties"), StandardCopyOption.ATOMIC_MOVE);
    }

    // the module's jar at another version, shipping another libcalc
    private static byte[] withLibrary(Path jar, String version, byte[] library) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(jar))) {
            java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bytes, manifest)) {
                java.util.jar.JarEntry entry;
                while ((entry = in.getNextJarEntry()) != null) {
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    if (entry.getName().equals("native/linux-x86-64/libcalc.so")) {
                        out.write(library);
                    } else {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(".replace.tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitReload(NativeBridge bridge, String library) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bridge.libraries().stream().noneMatch(l -> l.name.equals(library) && "ACTIVE".equals(l.state))) {
            assertTrue(library + " did not load: " + bridge.libraries(), System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }

    private Path home() {
        return Path.of(context.getProperty("graft.home"));
    }

    private static byte[] libcalc1() throws IOException {
        try (JarFile jar = new JarFile(distribution().resolve("examples/native-calc-1.0.0.jar").toFile());
                InputStream in = jar.getInputStream(jar.getEntry("native/linux-x86-64/libcalc.so"))) {
            return in.readAllBytes();
        }
    }

    // the C math library this JVM has mapped: a real shared library for this machine, without libcalc's functions
    private static Path libm() throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                    .filter(p -> p.matches(".*/libm[.-].*so.*")).map(Path::of).findFirst()
                    .orElse(Path.of("/lib/x86_64-linux-gnu/libm.so.6"));
        }
    }

    private static List<String> nativeMappings() throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(l -> l.contains("/data/native/")).map(l -> l.substring(l.indexOf('/'))).sorted().toList();
        }
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
