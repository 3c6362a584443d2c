package dev.graft.containment.internal.weave;

/** A class that ends nothing, and names no method exit or halt. */
public class PlainSample {

    public static long now() {
        return System.nanoTime();
    }
}
