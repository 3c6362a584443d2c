package dev.graft.routing.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class RouteSlotTest {

    private long nextServiceId = 1;

    private RouteEntry route(String module, long bundleId) {
        return new RouteEntry("GET", PathTemplate.parse("/x"), (request, response) -> {}, module,
                Version.parseVersion("1.0.0"), nextServiceId++, bundleId);
    }

    @Test
    void anExpiredUpdateIsForgottenAtTheNextChange() {
        RouteEntry a = route("a", 7);
        RouteEntry b = route("b", 8);
        RouteSlot slot = RouteSlot.EMPTY.with(a, Set.of()).with(b, Set.of());
        long now = System.nanoTime();
        // a's last version is withdrawn for an update whose deadline has already passed
        RouteSlot held = slot.without(a.serviceId(), now + 1_000_000_000L, 7, Set.of());
        assertTrue(held.waitsFor(7));

        RouteSlot expired = slot.without(a.serviceId(), now - 1, 7, Set.of());
        assertFalse(expired.waitsFor(7), "an update past its deadline is not waited for");
        assertEquals(List.of(b), expired.serving(System.nanoTime()));

        RouteEntry c = route("c", 9);
        RouteSlot withC = expired.with(c, Set.of());
        assertFalse(withC.waitsFor(7));
        assertEquals(List.of(b), withC.serving(System.nanoTime()));
        assertEquals(List.of(c), withC.conflicts(System.nanoTime()));
    }

    @Test
    void anUpdateThatExpiresWhileHeldIsPrunedWhenAnotherModuleRegisters() throws Exception {
        RouteEntry a = route("a", 7);
        RouteEntry b = route("b", 8);
        long until = System.nanoTime() + 50_000_000L;
        RouteSlot held = RouteSlot.EMPTY.with(a, Set.of()).with(b, Set.of()).without(a.serviceId(), until, 7, Set.of());
        assertTrue(held.isHeld(System.nanoTime()));
        while (System.nanoTime() - until <= 0) {
            Thread.sleep(5);
        }
        RouteEntry c = route("c", 9);
        RouteSlot withC = held.with(c, Set.of());
        assertFalse(withC.waitsFor(7), "the expired update of a must be pruned");
        assertEquals(List.of(b), withC.serving(System.nanoTime()));
        assertEquals(List.of(c), withC.conflicts(System.nanoTime()));
    }
}
