package dev.graft.api;

import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Thrown where module code called {@code System.exit(int)}, {@code Runtime.exit(int)} or
 * {@code Runtime.halt(int)}: a module cannot end the JVM that every other module runs in
 * ({@link FailureCode#E_EXIT_REFUSED}).
 *
 * <p>Module authors neither throw nor call this. Graft's containment bundle rewrites those three
 * calls in the classes of every module, as the classes load, into calls of {@link #exit(int)},
 * {@link #exit(Runtime, int)} and {@link #halt(Runtime, int)}; the module sees the exception where
 * the call was. A route that lets it escape answers {@code 500} with {@code E_EXIT_REFUSED}; an
 * activator or component that lets it escape fails to start, with this message in the log. Catching
 * it and carrying on is allowed: the JVM was never going to end.
 *
 * @since 1.1
 */
public final class ExitRefusedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String module;
    private final String call;

    private ExitRefusedException(String module, String call) {
        super(FailureCode.E_EXIT_REFUSED + ": " + module + " called " + call + "; refused: a module cannot end the JVM");
        this.module = module;
        this.call = call;
    }

    /** @return who made the call: {@code bsn:version} of its bundle, or its class name outside any bundle */
    public String module() {
        return module;
    }

    /** @return the refused call with its status, e.g. {@code System.exit(1)} */
    public String call() {
        return call;
    }

    /**
     * Replaces {@code System.exit(status)} in module code.
     *
     * @param status the status the module asked for
     * @throws ExitRefusedException always
     */
    public static void exit(int status) {
        throw refused("System.exit(" + status + ")");
    }

    /**
     * Replaces {@code runtime.exit(status)} in module code.
     *
     * @param runtime the receiver of the call, unused
     * @param status the status the module asked for
     * @throws ExitRefusedException always
     */
    public static void exit(Runtime runtime, int status) {
        throw refused("Runtime.exit(" + status + ")");
    }

    /**
     * Replaces {@code runtime.halt(status)} in module code.
     *
     * @param runtime the receiver of the call, unused
     * @param status the status the module asked for
     * @throws ExitRefusedException always
     */
    public static void halt(Runtime runtime, int status) {
        throw refused("Runtime.halt(" + status + ")");
    }

    private static ExitRefusedException refused(String call) {
        // the first frame outside this class made the call
        Optional<Class<?>> caller = STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type != ExitRefusedException.class).findFirst());
        return new ExitRefusedException(caller.map(ExitRefusedException::nameOf).orElse("unknown code"), call);
    }

    private static String nameOf(Class<?> caller) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        return bundle == null ? caller.getName() : bundle.getSymbolicName() + ":" + bundle.getVersion();
    }
}
