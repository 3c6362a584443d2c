package dev.graft.deploy.internal.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.api.deploy.dto.LeakDTO;
import dev.graft.api.deploy.dto.LeakReportDTO;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetiredRevisionsTest {

    private final RetiredRevisions retired = new RetiredRevisions();
    private Thread thread;

    @AfterEach
    void stopThread() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    @Test
    void aRetiredLoaderNothingHoldsIsCollectedAndCounted() {
        retire("demo.gone", "1.0.0", new ClassLoader(null) { }, Set.of());

        LeakReportDTO report = retired.check(Set.of(), (module, name) -> false);

        assertEquals(1, report.checked);
        assertEquals(List.of(), report.leaks);
        assertEquals(1, retired.check(Set.of(), (module, name) -> false).checked, "a collected one stays counted");
    }

    @Test
    void aThreadWhoseContextClassLoaderItIsIsNamed() throws Exception {
        ClassLoader loader = new ClassLoader(null) { };
        thread = sleeper("ccl-holder");
        thread.setContextClassLoader(loader);
        thread.start();
        retire("demo.leaky", "1.0.0", loader, Set.of());
        loader = null;

        LeakReportDTO report = retired.check(Set.of(), (module, name) -> false);

        assertEquals(1, report.checked);
        LeakDTO leak = report.leaks.get(0);
        assertEquals("demo.leaky", leak.module);
        assertEquals("1.0.0", leak.version);
        assertEquals(List.of("\"ccl-holder\" (its context class loader)"), leak.threads);
        assertEquals(List.of(), leak.roots);
    }

    @Test
    void aThreadRunningOneOfItsClassesIsNamedUnlessTheLiveVersionHasThatClassToo() throws Exception {
        ClassLoader loader = new ClassLoader(null) { };
        CountDownLatch running = new CountDownLatch(1);
        thread = new Thread(new Sleeper(running), "runs-module-code");
        thread.start();
        running.await();
        retire("demo.leaky", "1.0.0", loader, Set.of(Sleeper.class.getName()));

        LeakDTO leak = retired.check(Set.of(), (module, name) -> false).leaks.get(0);
        assertEquals(List.of("\"runs-module-code\" (runs " + Sleeper.class.getName() + ".run)"), leak.threads);

        LeakDTO ambiguous = retired.check(Set.of(), (module, name) -> name.equals(Sleeper.class.getName())).leaks.get(0);
        assertEquals(List.of(), ambiguous.threads);
    }

    @Test
    void aVersionNotRefreshedYetSaysSo() {
        ClassLoader loader = new ClassLoader(null) { };
        retire("demo.pending", "2.0.0", loader, Set.of());

        LeakDTO leak = retired.check(Set.of(7L), (module, name) -> false).leaks.get(0);

        assertEquals(List.of("the framework has not refreshed it yet: its wiring is still in use (felix:refresh)"),
                leak.roots);
    }

    @Test
    void theSameLoaderIsTrackedOnce() {
        ClassLoader loader = new ClassLoader(null) { };
        retire("demo.updated", "1.0.0", loader, Set.of());
        retire("demo.updated", "1.0.0", loader, Set.of());

        assertEquals(1, retired.check(Set.of(), (module, name) -> false).checked);
    }

    private void retire(String module, String version, ClassLoader loader, Set<String> classNames) {
        retired.retire(7L, module, version, loader, classNames);
    }

    private static Thread sleeper(String name) {
        return new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // stopped by the test
            }
        }, name);
    }

    /** Stands for a module's class: the thread's stack shows it. */
    static final class Sleeper implements Runnable {
        private final CountDownLatch running;

        Sleeper(CountDownLatch running) {
            this.running = running;
        }

        @Override
        public void run() {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // stopped by the test
            }
        }
    }
}
