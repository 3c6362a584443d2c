package dev.graft.deploy.internal.leak;

import java.lang.ref.WeakReference;
import java.util.Set;

/**
 * A retired module version: what it was, when it was retired, and its class loader, weakly — this
 * must never be what keeps the loader alive. The names of the classes it held let a thread's stack
 * be matched to it without the loader.
 */
final class Retired {

    final long bundleId;
    final String module;
    final String version;
    final long retiredAt;
    final WeakReference<ClassLoader> loader;
    final Set<String> classNames;

    Retired(long bundleId, String module, String version, long retiredAt, ClassLoader loader, Set<String> classNames) {
        this.bundleId = bundleId;
        this.module = module;
        this.version = version;
        this.retiredAt = retiredAt;
        this.loader = new WeakReference<>(loader);
        this.classNames = Set.copyOf(classNames);
    }

    boolean collected() {
        return loader.get() == null;
    }

    String id() {
        return module + ":" + version;
    }
}
