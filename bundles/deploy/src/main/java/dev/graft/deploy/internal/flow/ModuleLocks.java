package dev.graft.deploy.internal.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per module: deployments of one module run one after the other, of different modules side by side. */
public final class ModuleLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ReentrantLock of(String module) {
        return locks.computeIfAbsent(module, m -> new ReentrantLock());
    }
}
