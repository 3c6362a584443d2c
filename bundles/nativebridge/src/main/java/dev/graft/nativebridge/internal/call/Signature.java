package dev.graft.nativebridge.internal.call;

import java.lang.reflect.Method;

/**
 * The C signature of a bound method, as type codes: {@code I} int, {@code J} long, {@code D} double,
 * {@code F} float, {@code Z} boolean (a C int), {@code S} String (const char*, UTF-8), {@code B} byte[]
 * (a buffer), {@code V} void (returns only). The isolated worker speaks the same codes.
 */
public record Signature(char returnType, String parameters) {

    /** @throws IllegalArgumentException naming the method and the type it cannot pass */
    public static Signature of(Method method) {
        StringBuilder parameters = new StringBuilder();
        for (Class<?> type : method.getParameterTypes()) {
            char code = code(type);
            if (code == 'V') {
                throw unsupported(method, type);
            }
            parameters.append(code);
        }
        char returnType = code(method.getReturnType());
        if (returnType == 'B' || returnType == 0) {
            throw unsupported(method, method.getReturnType());
        }
        for (char c : parameters.toString().toCharArray()) {
            if (c == 0) {
                throw unsupported(method, null);
            }
        }
        return new Signature(returnType, parameters.toString());
    }

    /** @return the signature of a call by name (the shell's), from the return type and the arguments' classes */
    public static Signature of(Class<?> returnType, Object... args) {
        StringBuilder parameters = new StringBuilder();
        for (Object arg : args) {
            char code = arg == null ? 'S' : code(arg.getClass());
            if (code == 0 || code == 'V') {
                throw new IllegalArgumentException("cannot pass a " + arg.getClass().getSimpleName() + " to C");
            }
            parameters.append(code);
        }
        char code = code(returnType);
        if (code == 0 || code == 'B') {
            throw new IllegalArgumentException("cannot return a " + returnType.getSimpleName() + " from C");
        }
        return new Signature(code, parameters.toString());
    }

    /** @return the code of a Java type, 0 if it cannot cross the boundary */
    public static char code(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return 'I';
        } else if (type == long.class || type == Long.class) {
            return 'J';
        } else if (type == double.class || type == Double.class) {
            return 'D';
        } else if (type == float.class || type == Float.class) {
            return 'F';
        } else if (type == boolean.class || type == Boolean.class) {
            return 'Z';
        } else if (type == String.class) {
            return 'S';
        } else if (type == byte[].class) {
            return 'B';
        } else if (type == void.class) {
            return 'V';
        }
        return 0;
    }

    private static IllegalArgumentException unsupported(Method method, Class<?> type) {
        return new IllegalArgumentException(method.getDeclaringClass().getName() + "#" + method.getName() + " uses "
                + (type == null ? "a type" : type.getName()) + ", which the native bridge cannot pass (int, long, double,"
                + " float, boolean, String, byte[] and void returns are supported)");
    }
}
