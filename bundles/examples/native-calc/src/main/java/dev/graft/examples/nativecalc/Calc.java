package dev.graft.examples.nativecalc;

/** libcalc's functions, as the native bridge binds them: each method calls the C function of its name. */
public interface Calc {

    int calc_add(int a, int b);

    int calc_mul(int a, int b);

    /** @return e.g. {@code libcalc 1} */
    String calc_version();

    /** Writes the greeting into {@code out} (at most {@code size} bytes); @return the length it needed */
    int calc_greet(String name, byte[] out, int size);

    /** Crashes (a write through a null pointer). */
    void calc_crash();
}
