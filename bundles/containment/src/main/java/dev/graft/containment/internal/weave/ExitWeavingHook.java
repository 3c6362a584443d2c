package dev.graft.containment.internal.weave;

import dev.graft.api.FailureCode;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;

/**
 * Rewrites {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in every class a
 * module loads ({@link RuntimeBundles} says which bundles are modules) into calls that throw
 * {@code dev.graft.api.ExitRefusedException}, and lets the woven class see that class through a
 * dynamic import of its package.
 *
 * <p>Called by the framework on the thread loading the class, possibly on many threads at once; it
 * keeps no state. A class that may call one of the methods but cannot be read is not loaded at all
 * ({@link WeavingException}): an unreadable class must not slip through with its exit call intact.
 */
public final class ExitWeavingHook implements WeavingHook {

    /** The dynamic import that lets a woven class load the thrower (API 1.1 and later 1.x). */
    static final String IMPORT = ExitCalls.THROWER.substring(0, ExitCalls.THROWER.lastIndexOf('/')).replace('/', '.')
            + ";version=\"[1.1,2)\"";

    private final long self;
    private final RuntimeBundles runtime;
    private final Consumer<String> report;

    /**
     * @param self the id of the bundle this hook's classes come from
     * @param systemFolder the runtime's {@code system/} folder (framework property {@code graft.system}),
     *     or null: then every bundle but the framework and this one is a module
     * @param report told, in one line, of each class whose calls were rewritten
     */
    public ExitWeavingHook(long self, String systemFolder, Consumer<String> report) {
        this.self = self;
        this.runtime = new RuntimeBundles(systemFolder);
        this.report = report;
        // loaded now, not while the hook runs: the hook also sees its own bundle's classes load
        runtime.isSystemJar("file:/");
        ExitCalls.mayCall(new byte[0]);
    }

    @Override
    public void weave(WovenClass woven) {
        Bundle bundle = woven.getBundleWiring().getBundle();
        // first: a class of this bundle loading while the hook runs must not need the hook's classes;
        // then the cheap scan, so that only a class that may call exit costs a look at the file system
        if (bundle.getBundleId() == self || !ExitCalls.mayCall(woven.getBytes()) || runtime.isRuntime(bundle)) {
            return;
        }
        ExitCalls.Rewritten rewritten;
        try {
            rewritten = ExitCalls.refuse(woven.getBytes());
        } catch (RuntimeException | LinkageError e) {
            // a WeavingException fails this class only; anything else would make the framework drop the hook
            throw new WeavingException(FailureCode.E_EXIT_REFUSED + ": cannot read class " + woven.getClassName() + " of "
                    + moduleOf(bundle) + " to refuse its calls of System.exit, Runtime.exit or Runtime.halt (" + e
                    + "); it is not loaded", e);
        }
        if (rewritten == null) {
            return;
        }
        woven.setBytes(rewritten.classFile());
        woven.getDynamicImports().add(IMPORT);
        report.accept(moduleOf(bundle) + ": class " + woven.getClassName() + " calls " + String.join(", ",
                rewritten.refused()) + "; each call will throw ExitRefusedException (" + FailureCode.E_EXIT_REFUSED
                + ") instead of ending the JVM");
    }

    private static String moduleOf(Bundle bundle) {
        return bundle.getSymbolicName() + ":" + bundle.getVersion();
    }
}
