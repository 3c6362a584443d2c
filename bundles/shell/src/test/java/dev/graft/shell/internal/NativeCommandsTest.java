package dev.graft.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.nativebridge.dto.NativeLibraryDTO;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeCommandsTest {

    private final NativeBridge bridge = mock(NativeBridge.class);

    @Test
    void argumentsAreIntsDoublesOrStrings() {
        assertEquals(42, NativeCommands.value("42"));
        assertEquals(-3, NativeCommands.value("-3"));
        assertEquals(4.5, NativeCommands.value("4.5"));
        assertEquals("ann", NativeCommands.value("ann"));
        assertEquals("42", NativeCommands.value("s:42"));
        assertEquals("12345678901", NativeCommands.value("12345678901")); // too large for an int: a string
    }

    @Test
    void nativeCallPassesTypedArgumentsAndANegativeNumberIsNoOption() {
        when(bridge.call("calc", "calc_add", int.class, 2, -3)).thenReturn(-1);
        assertEquals("-1", new NativeCommands.Call(bridge)._main("native-call", "calc", "calc_add", "2", "-3"));
        when(bridge.call("calc", "calc_version", String.class)).thenReturn("libcalc 1");
        assertEquals("libcalc 1", new NativeCommands.Call(bridge)._main("native-call", "-r", "string", "calc", "calc_version"));
        when(bridge.call("calc", "calc_crash", void.class)).thenReturn(null);
        assertEquals("calc_crash returned", new NativeCommands.Call(bridge)._main("native-call", "--returns=void", "calc", "calc_crash"));
    }

    @Test
    void wrongArgumentsShowTheUsageAndRefusalsTheirCode() {
        CommandFailure few = assertThrows(CommandFailure.class, () -> new NativeCommands.Call(bridge)._main("native-call", "calc"));
        assertTrue(few.getMessage().contains("usage: graft:native-call [-r TYPE] <library> <function> [<arg> …]"), few.getMessage());
        CommandFailure type = assertThrows(CommandFailure.class,
                () -> new NativeCommands.Call(bridge)._main("native-call", "-r", "char", "calc", "f"));
        assertTrue(type.getMessage().startsWith("graft:native-call: -r char is none of int, long, double, string, void"));
        verifyNoInteractions(bridge);

        when(bridge.reload("calc")).thenThrow(new NativeException(FailureCode.E_NATIVE_ARCH, "calc",
                "library calc: libcalc.so is a Windows DLL (PE format); this runtime loads 64-bit ELF shared libraries"));
        CommandFailure refused = assertThrows(CommandFailure.class, () -> new NativeCommands.Reload(bridge)._main("native-reload", "calc"));
        assertEquals("graft:native-reload: E_NATIVE_ARCH library calc: libcalc.so is a Windows DLL (PE format); this runtime"
                + " loads 64-bit ELF shared libraries", refused.getMessage());
        assertTrue(new NativeCommands.Reload(bridge)._main("native-reload", "--help").startsWith("usage: graft:native-reload <library>"));
    }

    @Test
    void theListingShowsStateCopyReleaseAndLastError() {
        NativeLibraryDTO calc = new NativeLibraryDTO();
        calc.name = "calc";
        calc.state = NativeLibraryDTO.STATE_ACTIVE;
        calc.mode = NativeBridge.MODE_IN_PROCESS;
        calc.version = "3e8dc7b057bd";
        calc.source = "deploy/native/calc.properties";
        calc.origin = "/g/deploy/native/libcalc-2.so";
        calc.path = "/g/data/native/lib/3e8d/libcalc-2.so";
        calc.calls = 12;
        calc.reloads = 2;
        calc.lastReleaseUnmapped = false;
        calc.lastErrorCode = "E_NATIVE_SYMBOL";
        calc.lastError = "library calc: version 7f2ca87f652f (libm.so.6) has no function calc_add";
        when(bridge.libraries()).thenReturn(List.of(calc));
        String listing = new NativeCommands(bridge)._native();
        String[] lines = listing.split(System.lineSeparator());
        assertTrue(lines[0].startsWith("LIBRARY          STATE      MODE       VERSION"), lines[0]);
        assertTrue(lines[1].matches("calc +ACTIVE +in-process +3e8dc7b057bd +12 +0 +0 +2 +- +deploy/native/calc.properties"), lines[1]);
        assertEquals("  loaded from /g/data/native/lib/3e8d/libcalc-2.so (copy of /g/deploy/native/libcalc-2.so)", lines[2]);
        assertEquals("  the previous version was released, but the OS did not unmap it (it stays in /proc/self/maps)", lines[3]);
        assertEquals("  last error: E_NATIVE_SYMBOL library calc: version 7f2ca87f652f (libm.so.6) has no function calc_add", lines[4]);
    }
}
