package dev.graft.containment.internal.weave;

import java.util.function.IntConsumer;

/** Module code as ExitCallsTest weaves it: each way of ending the JVM, and calls that must stay. */
public class ExitingSample {

    public static void systemExit() {
        System.exit(1);
    }

    public static void runtimeExit() {
        Runtime.getRuntime().exit(2);
    }

    public static void runtimeHalt() {
        Runtime.getRuntime().halt(3);
    }

    public static IntConsumer exitReference() {
        return System::exit;
    }

    public static IntConsumer haltReference() {
        return Runtime.getRuntime()::halt;
    }

    /** Calls of other methods, one of them named exit too: left as they are. */
    public static int untouched() {
        return exit(41) + (System.identityHashCode(Runtime.getRuntime()) == 0 ? 1 : 0);
    }

    static int exit(int status) {
        return status + 1;
    }
}
