package dev.graft.deploy.internal.leak;

import dev.graft.api.deploy.dto.LeakDTO;
import dev.graft.api.deploy.dto.LeakReportDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The retired module versions not yet collected, and how many were. {@link #check} collects
 * garbage, then reports those whose class loader is still reachable and the threads that hold it.
 * Thread safe.
 */
public final class RetiredRevisions {

    private static final int GC_ROUNDS = 20;
    private static final long GC_PAUSE_MILLIS = 100;

    private final List<Retired> tracked = new ArrayList<>(); // guarded by this
    private int collected; // guarded by this

    /**
     * Tracks a retired version's class loader (weakly).
     *
     * @param classNames the classes it holds (binary names), to find threads running them
     * @return what is tracked, or null if this loader already was
     */
    Retired retire(long bundleId, String module, String version, ClassLoader loader, Set<String> classNames) {
        Retired retired = new Retired(bundleId, module, version, System.currentTimeMillis(), loader, classNames);
        synchronized (this) {
            prune(); // the collected ones are only counted: the list holds what may still leak
            for (Retired each : tracked) {
                if (each.loader.get() == loader) {
                    return null; // an older revision seen again at a later update
                }
            }
            tracked.add(retired);
        }
        return retired;
    }

    /**
     * Collects garbage (a few rounds, until every tracked loader is gone or about two seconds have
     * passed), then reports what is left.
     *
     * @param removalPending bundle ids the framework has not refreshed yet (their old wiring is in use)
     * @param liveClass true for a module and a class name that a live version of the module holds too:
     *     a thread running such a class is not attributed to the retired version
     */
    public LeakReportDTO check(Set<Long> removalPending, BiPredicate<String, String> liveClass) {
        for (int round = 0; round < GC_ROUNDS && !allCollected(); round++) {
            System.gc();
            try {
                Thread.sleep(GC_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Retired> left;
        LeakReportDTO report = new LeakReportDTO();
        synchronized (this) {
            prune();
            left = List.copyOf(tracked);
            report.checked = collected + tracked.size();
        }
        report.leaks = new ArrayList<>();
        for (Retired retired : left) {
            ClassLoader loader = retired.loader.get(); // a strong reference for this method only
            if (loader == null) {
                continue;
            }
            LeakDTO leak = new LeakDTO();
            leak.module = retired.module;
            leak.version = retired.version;
            leak.retiredAt = retired.retiredAt;
            leak.threads = threadsHolding(retired, loader, liveClass);
            leak.roots = new ArrayList<>();
            if (removalPending.contains(retired.bundleId)) {
                leak.roots.add("the framework has not refreshed it yet: its wiring is still in use (felix:refresh)");
            }
            report.leaks.add(leak);
        }
        return report;
    }

    /** @return the live threads holding a retired version's class loader, or nothing once it is collected */
    List<String> threadsHolding(Retired retired, BiPredicate<String, String> liveClass) {
        ClassLoader loader = retired.loader.get();
        return loader == null ? List.of() : threadsHolding(retired, loader, liveClass);
    }

    private static List<String> threadsHolding(Retired retired, ClassLoader loader, BiPredicate<String, String> liveClass) {
        return ThreadRoots.holding(loader,
                name -> retired.classNames.contains(name) && !liveClass.test(retired.module, name));
    }

    /** @return the retired versions whose class loader has not been collected yet; no garbage collection is forced */
    public synchronized int inMemory() {
        prune();
        return tracked.size();
    }

    private synchronized boolean allCollected() {
        return tracked.stream().allMatch(Retired::collected);
    }

    private void prune() {
        int before = tracked.size();
        tracked.removeIf(Retired::collected);
        collected += before - tracked.size();
    }
}
