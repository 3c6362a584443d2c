package dev.graft.deploy.internal.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class RuntimeBundlesTest {

    private static Bundle at(long id, String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getLocation" -> location;
                    case "getBundleId" -> id;
                    default -> null;
                });
    }

    @Test
    void onlyJarsOfAStartLevelFolderAndTheFrameworkAreTheRuntime() {
        assertTrue(RuntimeBundles.isRuntime(at(0, "System Bundle")));
        assertTrue(RuntimeBundles.isRuntime(at(14, "file:/opt/graft/system/4/routing-0.1.0.jar")));
        assertFalse(RuntimeBundles.isRuntime(at(30, "graft:deploy:0123abcd")));
        // a home under a folder named system: its examples are not the runtime
        assertFalse(RuntimeBundles.isRuntime(at(31, "file:/srv/system/graft/examples/hello-1.0.0.jar")));
        assertFalse(RuntimeBundles.isRuntime(at(32, "file:/opt/graft/system/routing.jar")));
    }
}
