/*
 * libcalc: the native library of the native-calc example. Built twice by the Maven build:
 * CALC_VERSION=1 (shipped inside the module) and CALC_VERSION=2 (examples/native/libcalc-2.so in the
 * distribution), which tells its version in calc_version() and calc_greet(), so a reload is visible.
 */
#include <stdio.h>
#include <time.h>

#ifndef CALC_VERSION
#define CALC_VERSION 1
#endif
#define TEXT(x) #x
#define VERSION_TEXT(x) TEXT(x)

/* the ABI the Java interface was written for; the module's header asks for 1 */
int calc_abi(void) { return 1; }

int calc_add(int a, int b) { return a + b; }

int calc_mul(int a, int b) { return a * b; }

const char *calc_version(void) { return "libcalc " VERSION_TEXT(CALC_VERSION); }

/* writes at most size bytes (NUL included) into out; returns the length it needed */
int calc_greet(const char *name, char *out, int size) {
    return snprintf(out, (size_t) size, "hello, %s, from libcalc %d", name, CALC_VERSION);
}

/* sleeps (an isolated call's timeout kills it) */
void calc_sleep(int millis) {
    struct timespec t = { millis / 1000, (long) (millis % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* a deliberate crash: a write through a null pointer (SIGSEGV) */
void calc_crash(void) {
    volatile int *nowhere = 0;
    *nowhere = 42;
}
