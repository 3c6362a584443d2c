package dev.graft.deploy.internal.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class RuntimeBundlesTest {

    @TempDir
    Path home;

    private static Bundle at(long id, String location) {
        return at(id, location, null);
    }

    private static Bundle at(long id, String location, String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getLocation" -> location;
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> symbolicName;
                    default -> null;
                });
    }

    private static BundleContext with(Bundle... bundles) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundles" -> bundles;
                    default -> null;
                });
    }

    private Path systemJar(String level, String name) throws Exception {
        Path jar = home.resolve("system").resolve(level).resolve(name);
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "");
    }

    @Test
    void onlyJarsOfAStartLevelFolderOfThisHomesSystemFolderAndTheFrameworkAreTheRuntime() throws Exception {
        Path router = systemJar("4", "routing-0.1.0.jar");
        RuntimeBundles runtime = new RuntimeBundles(with(), home.resolve("system").toString());

        assertTrue(runtime.isRuntime(at(0, "System Bundle")));
        assertTrue(runtime.isRuntime(at(14, router.toUri().toString())));
        assertTrue(runtime.isRuntime(at(14, "file:" + router))); // file:/… and file:///… are the same file
        assertFalse(runtime.isRuntime(at(30, "graft:deploy:0123abcd")));
        // a system/<N>/ folder elsewhere: anyone can install from one (felix:install, installBundle with a stream)
        assertFalse(runtime.isRuntime(at(31, "file:/tmp/x/system/4/routing-0.1.0.jar")));
        // a made-up location inside the real folder: no such jar there
        assertFalse(runtime.isRuntime(at(32, home.resolve("system/4/a.jar").toUri().toString())));
        assertFalse(runtime.isRuntime(at(33, home.resolve("system/4/../4/routing-0.1.0.jar/../x.jar").toUri().toString())));
        assertFalse(runtime.isRuntime(at(34, systemJar("lib", "x.jar").toUri().toString())));
        Path top = Files.writeString(home.resolve("system/routing.jar"), "");
        assertFalse(runtime.isRuntime(at(35, top.toUri().toString())));
        assertFalse(runtime.isRuntime(at(36, "file:not a uri")));
    }

    @Test
    void withoutTheLaunchersPropertyOnlyTheFrameworkIsTheRuntime() throws Exception {
        Path router = systemJar("4", "routing-0.1.0.jar");
        Bundle routing = at(14, router.toUri().toString(), "dev.graft.routing");
        RuntimeBundles runtime = new RuntimeBundles(with(at(0, "System Bundle", "org.apache.felix.framework"), routing), null);

        assertFalse(runtime.knowsSystemFolder());
        assertTrue(runtime.isRuntime(at(0, "System Bundle")));
        assertFalse(runtime.isRuntime(routing));
        assertEquals(Set.of("system.bundle", "org.apache.felix.framework"), runtime.names());
    }

    @Test
    void theProtectedNamesAreTheFrameworksAndThoseOfTheSystemFoldersBundles() throws Exception {
        Path router = systemJar("4", "routing-0.1.0.jar");
        RuntimeBundles runtime = new RuntimeBundles(with(at(0, "System Bundle", "org.apache.felix.framework"),
                at(14, router.toUri().toString(), "dev.graft.routing"),
                at(40, "file:/tmp/x/system/4/a.jar", "demo.impostor")), home.resolve("system").toString());

        assertEquals(Set.of("system.bundle", "org.apache.felix.framework", "dev.graft.routing"), runtime.names());
        assertTrue(runtime.isProtected("org.apache.felix.framework"));
        assertFalse(runtime.isProtected("demo.impostor"));
    }
}
