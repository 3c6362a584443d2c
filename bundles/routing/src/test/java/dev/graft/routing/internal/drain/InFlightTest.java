package dev.graft.routing.internal.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void aClosedRouteAdmitsNoOneAndTheDrainWaitsForThoseInside() throws Exception {
        InFlight inFlight = new InFlight();
        assertTrue(inFlight.tryEnter());
        inFlight.close();
        assertFalse(inFlight.tryEnter());
        assertEquals(1, inFlight.current());

        CountDownLatch drained = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try {
                if (inFlight.awaitEmpty(5, TimeUnit.SECONDS)) {
                    drained.countDown();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        drain.start();
        assertFalse(drained.await(100, TimeUnit.MILLISECONDS), "drained while a request was inside");
        inFlight.exit();
        assertTrue(drained.await(5, TimeUnit.SECONDS));
    }

    @Test
    void theDrainGivesUpAfterItsTimeout() throws Exception {
        InFlight inFlight = new InFlight();
        inFlight.tryEnter();
        inFlight.close();
        assertFalse(inFlight.awaitEmpty(50, TimeUnit.MILLISECONDS));
    }
}
