package dev.graft.nativebridge.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.nativebridge.NativeBridge;
import org.junit.jupiter.api.Test;

class SignatureTest {

    interface Good {
        int add(int a, int b);

        String name(String who, byte[] out, long size, double scale, boolean flag);

        void nothing();
    }

    interface Bad {
        Object what(int a);
    }

    @Test
    void methodsBecomeTypeCodes() throws Exception {
        assertEquals(new Signature('I', "II"), Signature.of(Good.class.getMethod("add", int.class, int.class)));
        assertEquals(new Signature('S', "SBJDZ"), Signature.of(Good.class.getMethod("name", String.class, byte[].class,
                long.class, double.class, boolean.class)));
        assertEquals(new Signature('V', ""), Signature.of(Good.class.getMethod("nothing")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Signature.of(Bad.class.getMethod("what", int.class)));
        assertTrue(bad.getMessage().contains("Bad#what uses java.lang.Object"), bad.getMessage());
        assertEquals(new Signature('D', "IDS"), Signature.of(double.class, 1, 2.5, "x"));
    }

    @Test
    void stringsAndBuffersAreBounded() {
        Bounds.check("calc", "f", new Object[] {"short", new byte[16], 3});
        byte[] large = new byte[NativeBridge.MAX_STRING_BYTES + 1];
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> Bounds.check("calc", "calc_greet", new Object[] {"x", large}));
        assertTrue(tooLarge.getMessage().startsWith("library calc: argument 2 of calc_greet is 1048577 bytes"), tooLarge.getMessage());
        String huge = "é".repeat(NativeBridge.MAX_STRING_BYTES / 2 + 1);
        assertThrows(IllegalArgumentException.class, () -> Bounds.check("calc", "f", new Object[] {huge}));
    }
}
