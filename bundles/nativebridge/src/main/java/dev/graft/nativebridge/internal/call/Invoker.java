package dev.graft.nativebridge.internal.call;

/** One C function of one loaded library version, ready to call. */
@FunctionalInterface
public interface Invoker {

    /**
     * @param args the Java arguments, as the signature says (checked against the bounds already)
     * @return the result, boxed; null for void
     */
    Object invoke(Object[] args);
}
