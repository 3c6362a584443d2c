package dev.graft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The thrower the containment bundle puts where module code called System.exit, Runtime.exit or Runtime.halt. */
class ExitRefusedExceptionTest {

    @Test
    void systemExitIsRefusedNamingTheCallerAndTheStatus() {
        ExitRefusedException refused = assertThrows(ExitRefusedException.class, () -> ExitRefusedException.exit(1));
        // outside a bundle the caller is named by its class
        assertEquals(ExitRefusedExceptionTest.class.getName(), refused.module());
        assertEquals("System.exit(1)", refused.call());
        assertEquals("E_EXIT_REFUSED: " + ExitRefusedExceptionTest.class.getName()
                + " called System.exit(1); refused: a module cannot end the JVM", refused.getMessage());
    }

    @Test
    void runtimeExitAndHaltAreRefused() {
        assertEquals("Runtime.exit(2)", assertThrows(ExitRefusedException.class,
                () -> ExitRefusedException.exit(Runtime.getRuntime(), 2)).call());
        assertEquals("Runtime.halt(3)", assertThrows(ExitRefusedException.class,
                () -> ExitRefusedException.halt(Runtime.getRuntime(), 3)).call());
    }

    @Test
    void itIsASecurityExceptionWithItsOwnCode() {
        assertEquals(500, FailureCode.E_EXIT_REFUSED.status());
        SecurityException refused = assertThrows(SecurityException.class, () -> ExitRefusedException.exit(0));
        assertEquals(ExitRefusedException.class, refused.getClass());
    }
}
