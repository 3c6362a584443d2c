package dev.graft.containment.internal.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WovenClass;
import org.osgi.framework.wiring.BundleWiring;

/** Which bundles are woven, and what a woven class gets: new bytes, the dynamic import, a report line. */
class ExitWeavingHookTest {

    private final List<String> reports = new ArrayList<>();
    @TempDir
    Path home;
    private ExitWeavingHook hook;

    @BeforeEach
    void hook() {
        hook = new ExitWeavingHook(5, home.resolve("system").toString(), reports::add);
    }

    private Path systemJar(String level, String name) throws Exception {
        Path jar = home.resolve("system").resolve(level).resolve(name);
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "");
    }

    @Test
    void aModuleClassIsWovenAndImportsTheThrower() throws Exception {
        WovenClass woven = woven(bundle(42, "graft:deploy:0123abcd", "demo.exit", "1.2.0"),
                ExitCallsTest.classFile(ExitingSample.class));
        List<String> imports = new ArrayList<>();
        when(woven.getDynamicImports()).thenReturn(imports);

        hook.weave(woven);

        verify(woven).setBytes(any());
        assertEquals(List.of("dev.graft.api;version=\"[1.1,2)\""), imports);
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).startsWith("demo.exit:1.2.0: class " + ExitingSample.class.getName()
                + " calls Runtime.exit, Runtime.halt, System.exit;"), reports.get(0));
    }

    @Test
    void theRuntimesOwnBundlesTheFrameworkAndTheHooksOwnAreNotWoven() throws Exception {
        byte[] exiting = ExitCallsTest.classFile(ExitingSample.class);
        for (Bundle runtime : List.of(bundle(7, systemJar("3", "api-1.0.jar").toUri().toString(), "dev.graft.api", "1.0.0"),
                bundle(8, "file:" + systemJar("2", "log-1.0.jar"), "dev.graft.log", "1.0.0"),
                bundle(0, "System Bundle", "org.apache.felix.framework", "7.0.5"),
                bundle(5, "file:/elsewhere/containment.jar", "dev.graft.containment", "1.0.0"))) {
            WovenClass woven = woven(runtime, exiting);
            hook.weave(woven);
            verify(woven, never()).setBytes(any());
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void aBundleFromAnotherSystemFolderOrAMadeUpLocationInTheRealOneIsWoven() throws Exception {
        byte[] exiting = ExitCallsTest.classFile(ExitingSample.class);
        // felix:install file:/tmp/x/system/4/a.jar, or installBundle(location, stream) from a module
        for (String location : List.of("file:/tmp/x/system/4/a.jar", home.resolve("system/4/a.jar").toUri().toString())) {
            WovenClass woven = woven(bundle(42, location, "demo.exit", "1.0.0"), exiting);
            when(woven.getDynamicImports()).thenReturn(new ArrayList<>());
            hook.weave(woven);
            verify(woven).setBytes(any());
        }
    }

    @Test
    void withoutTheSystemFolderPropertyEveryBundleButTheFrameworkAndTheHooksOwnIsWoven() throws Exception {
        ExitWeavingHook unconfigured = new ExitWeavingHook(5, null, reports::add);
        WovenClass woven = woven(bundle(7, systemJar("3", "api-1.0.jar").toUri().toString(), "dev.graft.api", "1.0.0"),
                ExitCallsTest.classFile(ExitingSample.class));
        when(woven.getDynamicImports()).thenReturn(new ArrayList<>());
        unconfigured.weave(woven);
        verify(woven).setBytes(any());
    }

    @Test
    void onlyAJarOfAStartLevelFolderOfTheSystemFolderMakesARuntimeBundle() throws Exception {
        RuntimeBundles runtime = new RuntimeBundles(home.resolve("system").toString());
        assertTrue(runtime.isSystemJar(systemJar("5", "deploy-0.1.0.jar").toUri().toString()));
        Files.createDirectories(home.resolve("system/x"));
        Files.writeString(home.resolve("system/hello.jar"), "");
        for (String module : List.of("graft:deploy:0123abcd", "file:/home/me/graft/deploy/hello.jar",
                home.resolve("system/hello.jar").toUri().toString(), systemJar("x", "hello.jar").toUri().toString(),
                home.resolve("system/5/lib/hello.jar").toUri().toString(), "mvn:dev.graft/system/5/x.jar",
                "file:/home/me/graft/system/5/deploy-0.1.0.jar", home.resolve("system/5/other.jar").toUri().toString())) {
            assertTrue(!runtime.isSystemJar(module), module);
        }
        assertTrue(!new RuntimeBundles(null).isSystemJar(systemJar("5", "deploy-0.1.0.jar").toUri().toString()));
    }

    @Test
    void aModuleClassThatCallsNothingIsLeftAlone() throws Exception {
        WovenClass woven = woven(bundle(42, "graft:deploy:0123abcd", "demo.plain", "1.0.0"),
                ExitCallsTest.classFile(PlainSample.class));
        hook.weave(woven);
        verify(woven, never()).setBytes(any());
        assertEquals(List.of(), reports);
    }

    @Test
    void anUnreadableClassThatMayCallExitIsNotLoaded() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 0, 4, 'e', 'x', 'i', 't'};
        WovenClass woven = woven(bundle(42, "graft:deploy:0123abcd", "demo.broken", "1.0.0"), garbage);
        when(woven.getClassName()).thenReturn("demo.Broken");
        WeavingException refused = assertThrows(WeavingException.class, () -> hook.weave(woven));
        assertTrue(refused.getMessage().startsWith("E_EXIT_REFUSED: cannot read class demo.Broken of demo.broken:1.0.0"),
                refused.getMessage());
    }

    private static Bundle bundle(long id, String location, String symbolicName, String version) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getBundleId()).thenReturn(id);
        when(bundle.getLocation()).thenReturn(location);
        when(bundle.getSymbolicName()).thenReturn(symbolicName);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        return bundle;
    }

    private static WovenClass woven(Bundle bundle, byte[] classFile) {
        BundleWiring wiring = mock(BundleWiring.class);
        when(wiring.getBundle()).thenReturn(bundle);
        WovenClass woven = mock(WovenClass.class);
        when(woven.getBundleWiring()).thenReturn(wiring);
        when(woven.getBytes()).thenReturn(classFile);
        when(woven.getClassName()).thenReturn(ExitingSample.class.getName());
        return woven;
    }
}
