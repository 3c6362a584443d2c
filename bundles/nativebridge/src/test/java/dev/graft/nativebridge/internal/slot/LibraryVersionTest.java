package dev.graft.nativebridge.internal.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.nativebridge.internal.call.Invoker;
import dev.graft.nativebridge.internal.call.LoadedLibrary;
import dev.graft.nativebridge.internal.call.Signature;
import dev.graft.nativebridge.internal.store.ContentStore.Stored;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-flight count and the switch: a retired version takes no new call and drains the ones inside. */
class LibraryVersionTest {

    private static final LoadedLibrary NOTHING = new LoadedLibrary() {
        @Override
        public List<String> missing(Collection<String> symbols) {
            return List.of();
        }

        @Override
        public Invoker invoker(String function, Signature signature) {
            return args -> 0;
        }

        @Override
        public Boolean close() {
            return null;
        }
    };

    private static LibraryVersion version() {
        return new LibraryVersion(null, new Stored("ab".repeat(32), Path.of("/x/libcalc.so")), NOTHING);
    }

    @Test
    void aRetiredVersionAdmitsNoNewCallAndCountsTheOnesInside() {
        LibraryVersion version = version();
        assertTrue(version.enter());
        assertTrue(version.enter());
        assertEquals(2, version.inFlight());
        version.retire();
        assertFalse(version.enter());
        assertEquals(2, version.inFlight());
        version.exit();
        version.exit();
        assertEquals(0, version.inFlight());
    }

    @Test
    void aSwitchRetiresTheOldVersionAndCallersTakeTheNewOne() throws Exception {
        LibrarySlot slot = new LibrarySlot("calc");
        LibraryVersion first = version();
        assertNull(slot.switchTo(first));
        AtomicInteger wrong = new AtomicInteger();
        AtomicBoolean released = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] callers = new Thread[4];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    LibraryVersion v = slot.current();
                    if (!v.enter()) {
                        continue;
                    }
                    if (v == first && released.get()) {
                        wrong.incrementAndGet(); // inside a version the retirer already saw drained (and would close)
                    }
                    v.exit();
                }
            });
            callers[t].start();
        }
        go.countDown();
        LibraryVersion second = version();
        Thread.sleep(5);
        assertSame(first, slot.switchTo(second));
        assertTrue(first.retired());
        while (first.inFlight() > 0) {
            Thread.onSpinWait();
        }
        released.set(true); // where the loader closes the library
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(0, first.inFlight());
        assertEquals(0, second.inFlight());
        assertEquals(0, wrong.get());
        assertFalse(first.enter());
        assertTrue(slot.draining().contains(first));
    }
}
