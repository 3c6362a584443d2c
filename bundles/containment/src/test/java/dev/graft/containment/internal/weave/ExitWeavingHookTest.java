package dev.graft.containment.internal.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WovenClass;
import org.osgi.framework.wiring.BundleWiring;

/** Which bundles are woven, and what a woven class gets: new bytes, the dynamic import, a report line. */
class ExitWeavingHookTest {

    private final List<String> reports = new ArrayList<>();
    private final ExitWeavingHook hook = new ExitWeavingHook(5, reports::add);

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
        for (Bundle runtime : List.of(bundle(7, "file:/opt/graft/system/3/api-1.0.jar", "dev.graft.api", "1.0.0"),
                bundle(3, "file:///C:/graft/system/2/containment.jar", "dev.graft.containment", "1.0.0"),
                bundle(0, "System Bundle", "org.apache.felix.framework", "7.0.5"),
                bundle(5, "file:/elsewhere/containment.jar", "dev.graft.containment", "1.0.0"))) {
            WovenClass woven = woven(runtime, exiting);
            hook.weave(woven);
            verify(woven, never()).setBytes(any());
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void onlyASystemFolderOfStartLevelsMakesARuntimeBundle() {
        assertTrue(RuntimeBundles.isSystemFolder("file:/home/me/graft/system/5/deploy-0.1.0.jar"));
        for (String module : List.of("graft:deploy:0123abcd", "file:/home/me/graft/deploy/hello.jar",
                "file:/home/me/graft/system/hello.jar", "file:/home/me/graft/system/x/hello.jar",
                "file:/home/me/graft/system/5/lib/hello.jar", "mvn:dev.graft/system/5/x.jar")) {
            assertTrue(!RuntimeBundles.isSystemFolder(module), module);
        }
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
