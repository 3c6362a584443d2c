package dev.graft.nativebridge.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibraryHeaderTest {

    @Test
    void clausesWithQuotedValuesKeepTheirSeparators() {
        List<LibraryHeader.Clause> clauses = LibraryHeader.parse("calc;path=\"native/{os}-{arch}/libcalc.so\";abi.symbol=calc_abi;"
                + "abi.version=1, calc-isolated;path=\"a,b;c.so\";mode=isolated");
        assertEquals(2, clauses.size());
        assertEquals("calc", clauses.get(0).name());
        assertEquals(Map.of("path", "native/{os}-{arch}/libcalc.so", "abi.symbol", "calc_abi", "abi.version", "1"),
                clauses.get(0).attributes());
        assertEquals("a,b;c.so", clauses.get(1).attributes().get("path"));
    }

    @Test
    void aMalformedClauseIsNamed() {
        assertEquals("'no name here;x=1' does not start with a library name (letters, digits, '.', '_', '-')",
                assertThrows(IllegalArgumentException.class, () -> LibraryHeader.parse("no name here;x=1")).getMessage());
        assertEquals("'path' in the clause of calc is not key=value",
                assertThrows(IllegalArgumentException.class, () -> LibraryHeader.parse("calc;path")).getMessage());
    }

    @Test
    void settingsAreCheckedWithAMessageAUserUnderstands() {
        LibrarySettings defaults = LibrarySettings.of(Map.of());
        assertFalse(defaults.isolated());
        assertEquals(LibrarySettings.DEFAULT_TIMEOUT_MILLIS, defaults.timeoutMillis());
        LibrarySettings isolated = LibrarySettings.of(Map.of("mode", "isolated", "call.timeout.millis", "250",
                "abi.symbol", "calc_abi", "abi.version", "3"));
        assertTrue(isolated.isolated());
        assertEquals(250, isolated.timeoutMillis());
        assertEquals(3, isolated.abiVersion());
        assertEquals("mode=sandboxed is neither in-process nor isolated",
                assertThrows(IllegalArgumentException.class, () -> LibrarySettings.of(Map.of("mode", "sandboxed"))).getMessage());
        assertEquals("abi.symbol=calc_abi needs abi.version",
                assertThrows(IllegalArgumentException.class, () -> LibrarySettings.of(Map.of("abi.symbol", "calc_abi"))).getMessage());
        assertEquals("call.timeout.millis=soon is not a whole number", assertThrows(IllegalArgumentException.class,
                () -> LibrarySettings.of(Map.of("call.timeout.millis", "soon"))).getMessage());
    }
}
