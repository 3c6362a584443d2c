package dev.graft.deploy.internal.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The live threads that hold a class loader: a thread whose class it loaded, whose context class
 * loader it is, or that runs one of its classes (a frame of the thread's stack; a thread started
 * with a module's {@code Runnable} is a plain {@link Thread} and shows only there).
 */
final class ThreadRoots {

    private ThreadRoots() {
    }

    /**
     * @param runsClass true for a class name of the loader that no live bundle has too (a frame of
     *     such a class is attributed to the loader)
     * @return each holding thread: {@code "name" (how it holds the loader)}
     */
    static List<String> holding(ClassLoader loader, Predicate<String> runsClass) {
        List<String> threads = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> each : Thread.getAllStackTraces().entrySet()) {
            Thread thread = each.getKey();
            String how = how(thread, each.getValue(), loader, runsClass);
            if (how != null) {
                threads.add("\"" + thread.getName() + "\" (" + how + ")");
            }
        }
        threads.sort(null);
        return threads;
    }

    private static String how(Thread thread, StackTraceElement[] stack, ClassLoader loader, Predicate<String> runsClass) {
        if (thread.getClass().getClassLoader() == loader) {
            return "its class " + thread.getClass().getName();
        }
        for (StackTraceElement frame : stack) {
            if (runsClass.test(frame.getClassName())) {
                return "runs " + frame.getClassName() + "." + frame.getMethodName();
            }
        }
        if (thread.getContextClassLoader() == loader) {
            return "its context class loader";
        }
        return null;
    }
}
