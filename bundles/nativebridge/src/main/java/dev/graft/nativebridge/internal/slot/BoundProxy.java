package dev.graft.nativebridge.internal.slot;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.nativebridge.internal.call.Bounds;
import dev.graft.nativebridge.internal.call.Invoker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * The proxy behind a bound interface: each call takes the version that serves when it starts, enters
 * it (so a reload cannot release it under the call), and calls the function resolved in that version.
 * The resolved functions of the last version seen are cached, so a call costs two volatile reads more
 * than a call through JNA's own interface mapping.
 */
public final class BoundProxy implements InvocationHandler {

    private static final Object[] NO_ARGUMENTS = {};

    private record Resolved(LibraryVersion version, Invoker[] invokers) {}

    private final LibrarySlot slot;
    private final BoundInterface bound;
    private volatile Resolved resolved;

    public BoundProxy(LibrarySlot slot, BoundInterface bound) {
        this.slot = slot;
        this.bound = bound;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        int index = bound.indexOf(method);
        if (index < 0) {
            return objectMethod(proxy, method, args);
        }
        if (bound.bounded(index)) {
            Bounds.check(slot.name(), method.getName(), args);
        }
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        while (true) {
            LibraryVersion version = slot.current();
            if (version == null) {
                NativeException missing = new NativeException(FailureCode.E_NATIVE_MISSING, slot.name(), "library "
                        + slot.name() + ": no version serves" + (slot.lastError() == null ? " (it is not declared)"
                        : " (last failure: " + slot.lastError().getMessage() + ")"));
                slot.failed(missing, true);
                throw missing;
            }
            if (!version.enter()) {
                continue; // switched away from just now: take the new one
            }
            try {
                Resolved r = resolved;
                if (r == null || r.version != version) {
                    r = new Resolved(version, version.invokers(bound));
                    resolved = r;
                }
                return r.invokers[index].invoke(arguments);
            } catch (NativeException e) {
                slot.failed(e, true);
                throw e;
            } finally {
                version.exit();
            }
        }
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "toString" -> "native library " + slot.name() + " bound to " + bound.type().getName();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}
