package dev.graft.deploy.internal.flow;

import java.util.concurrent.ExecutionException;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Calls into a module's lifecycle (start, stop, uninstall) with a time limit: each call runs on a
 * thread of its own, and the deployment goes on when the limit passes. A module whose activator or
 * component blocks then holds up only that thread — never another deployment, the deployment
 * manager, or Graft's shutdown (the thread is a daemon). At the limit the thread is interrupted, which
 * ends most blocking calls (sleep, wait, interruptible I/O); a call that ignores it takes effect when
 * it returns at last (an uninstall waiting for a blocked start completes once the start returns).
 */
final class BoundedCall {

    /** A lifecycle call on a bundle. */
    interface Call {
        void on(Bundle bundle) throws BundleException;
    }

    /** The call did not return within its limit; it goes on in the background. */
    static final class Late extends Exception {
        private static final long serialVersionUID = 1L;

        Late() {
            super(null, null, false, false);
        }
    }

    private BoundedCall() {}

    /**
     * @param what names the call in the thread's name, e.g. {@code start}
     * @param late where a call past its limit is kept (its thread, and what it is: {@code the start of
     *     demo.blocking:1.0.0}) until it returns
     * @throws Late if it did not return within the limit
     * @throws BundleException what the call threw
     */
    static void run(String what, Bundle bundle, long millis, Call call, Map<Thread, String> late)
            throws Late, BundleException, InterruptedException {
        String id = bundle.getSymbolicName() + ":" + bundle.getVersion();
        Thread[] worker = new Thread[1];
        FutureTask<Void> task = new FutureTask<>(() -> {
            call.on(bundle);
            return null;
        }) {
            @Override
            protected void done() { // after the outcome is set: a call marked late below is never left there
                late.remove(worker[0]);
            }
        };
        Thread thread = new Thread(task, "graft-deploy-" + what + " " + id);
        worker[0] = thread;
        thread.setDaemon(true);
        thread.start();
        try {
            task.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            late.put(thread, "the " + what + " of " + id);
            if (task.isDone()) {
                late.remove(thread); // it returned just now, before it was marked
            }
            thread.interrupt(); // a module blocked in sleep, wait or interruptible I/O gives up now
            throw new Late();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BundleException bundleException) {
                throw bundleException;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
