package dev.graft.nativebridge.internal.isolate;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.nativebridge.internal.call.Invoker;
import dev.graft.nativebridge.internal.call.LoadedLibrary;
import dev.graft.nativebridge.internal.call.Signature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.osgi.service.log.Logger;

/**
 * A library version in isolated mode: its calls run in a worker process. A crash kills the worker
 * only: the call fails with {@code E_NATIVE_CRASHED}, and the next call starts a new worker once the
 * backoff (200 ms, doubling up to 30 s, reset after a minute without a crash) has passed. A call that
 * takes longer than the timeout fails with {@code E_NATIVE_TIMEOUT} and its worker is killed.
 */
public final class WorkerLibrary implements LoadedLibrary {

    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long STABLE_MILLIS = 60_000;

    private final String name;
    private final List<String> command;
    private final Path log;
    private final long timeoutMillis;
    private final long startTimeoutMillis;
    private final Logger logger;
    private volatile WorkerProcess worker;
    private volatile int restarts;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;
    private long notBefore;
    private long startedAt;
    private volatile boolean closed;

    WorkerLibrary(String name, List<String> command, Path log, long timeoutMillis, long startTimeoutMillis, Logger logger) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.timeoutMillis = timeoutMillis;
        this.startTimeoutMillis = startTimeoutMillis;
        this.logger = logger;
    }

    /** Starts the first worker: a library the worker cannot load is refused like any failed check. */
    void start() {
        try {
            worker = WorkerProcess.start(command, log, startTimeoutMillis);
            startedAt = System.currentTimeMillis();
        } catch (WorkerProcess.Died e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, name, "library " + name + ": " + e.getMessage());
        } catch (IOException e) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, name, "library " + name + ": cannot start its worker: "
                    + e.getMessage(), e);
        }
    }

    // the worker that serves, started again after a crash once the backoff has passed
    private synchronized WorkerProcess worker() {
        WorkerProcess current = worker;
        if (current != null && current.alive()) {
            return current;
        }
        if (closed) {
            throw new NativeException(FailureCode.E_NATIVE_MISSING, name, "library " + name + ": this version was released");
        }
        long wait = notBefore - System.currentTimeMillis();
        if (wait > timeoutMillis) {
            throw new NativeException(FailureCode.E_NATIVE_CRASHED, name, "library " + name + ": its worker crashed and"
                    + " restarts in " + wait + " ms");
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NativeException(FailureCode.E_NATIVE_CRASHED, name, "library " + name + ": interrupted while its"
                        + " worker restarts");
            }
        }
        try {
            worker = WorkerProcess.start(command, log, startTimeoutMillis);
        } catch (WorkerProcess.Died | IOException e) {
            crashed();
            throw new NativeException(FailureCode.E_NATIVE_CRASHED, name, "library " + name + ": its worker did not"
                    + " restart: " + e.getMessage(), e);
        }
        restarts++;
        startedAt = System.currentTimeMillis();
        logger.info("library {}: worker restarted (pid {}, restart {})", name, worker.pid(), restarts);
        return worker;
    }

    private synchronized void crashed() {
        long now = System.currentTimeMillis();
        if (now - startedAt > STABLE_MILLIS) {
            backoffMillis = FIRST_BACKOFF_MILLIS;
        }
        notBefore = now + backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    private Object[] call(String function, Signature signature, Object[] args) {
        WorkerProcess current = worker();
        try {
            return current.call(function, signature, args, timeoutMillis);
        } catch (WorkerProcess.Died e) {
            crashed();
            logger.error("{} library {}: {} crashed its worker: {}", FailureCode.E_NATIVE_CRASHED, name, function, e.getMessage());
            throw new NativeException(FailureCode.E_NATIVE_CRASHED, name, "library " + name + ": " + function + " crashed: "
                    + e.getMessage());
        } catch (TimeoutException e) {
            current.kill();
            crashed();
            logger.error("{} library {}: {} did not return within {} ms; its worker (pid {}) was killed",
                    FailureCode.E_NATIVE_TIMEOUT, name, function, timeoutMillis, current.pid());
            throw new NativeException(FailureCode.E_NATIVE_TIMEOUT, name, "library " + name + ": " + function
                    + " did not return within " + timeoutMillis + " ms; its worker was killed and restarts");
        } catch (WorkerProcess.Failed e) {
            throw new NativeException(FailureCode.E_NATIVE_SYMBOL, name, "library " + name + ": " + function + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> missing(Collection<String> symbols) {
        try {
            return worker().missing(new ArrayList<>(symbols), Math.max(timeoutMillis, 10_000));
        } catch (WorkerProcess.Died | WorkerProcess.Failed | TimeoutException e) {
            throw new NativeException(FailureCode.E_NATIVE_CRASHED, name, "library " + name + ": its worker failed while"
                    + " checking symbols: " + e.getMessage());
        }
    }

    @Override
    public Invoker invoker(String function, Signature signature) {
        if (!missing(List.of(function)).isEmpty()) {
            throw new NativeException(FailureCode.E_NATIVE_SYMBOL, name, "library " + name + ": no function " + function);
        }
        return args -> {
            Object[] answer = call(function, signature, args);
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof byte[] buffer && answer[1 + i] instanceof byte[] back) {
                    System.arraycopy(back, 0, buffer, 0, Math.min(buffer.length, back.length));
                }
            }
            return answer[0];
        };
    }

    /** @return how many times a worker was started again after a crash or a timeout */
    public int restarts() {
        return restarts;
    }

    /** @return the serving worker's pid, or -1 while none runs */
    public long pid() {
        WorkerProcess current = worker;
        return current != null && current.alive() ? current.pid() : -1;
    }

    @Override
    public Boolean close() {
        closed = true;
        WorkerProcess current = worker;
        if (current != null) {
            current.stop();
        }
        return null;
    }
}
