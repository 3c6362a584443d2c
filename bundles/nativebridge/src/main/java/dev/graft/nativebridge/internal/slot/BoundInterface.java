package dev.graft.nativebridge.internal.slot;

import dev.graft.nativebridge.internal.call.Signature;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An interface a module bound to a library: its methods, their C signatures, and who bound it. */
public final class BoundInterface {

    private final Class<?> type;
    private final Method[] methods;
    private final Signature[] signatures;
    private final boolean[] bounded;
    private final Map<Method, Integer> index = new HashMap<>();
    private final long bundleId;

    /** @throws IllegalArgumentException if it is not an interface or a method cannot cross to C */
    public BoundInterface(Class<?> type, long bundleId) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        this.type = type;
        this.bundleId = bundleId;
        this.methods = Arrays.stream(type.getMethods())
                .filter(m -> !m.isDefault() && !Modifier.isStatic(m.getModifiers()))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toArray(Method[]::new);
        this.signatures = new Signature[methods.length];
        this.bounded = new boolean[methods.length];
        for (int i = 0; i < methods.length; i++) {
            signatures[i] = Signature.of(methods[i]);
            bounded[i] = signatures[i].parameters().indexOf('S') >= 0 || signatures[i].parameters().indexOf('B') >= 0;
            index.put(methods[i], i);
        }
    }

    public Class<?> type() {
        return type;
    }

    public long bundleId() {
        return bundleId;
    }

    public Method[] methods() {
        return methods;
    }

    public Signature[] signatures() {
        return signatures;
    }

    /** @return whether the method passes a string or a buffer, whose size is checked */
    public boolean bounded(int index) {
        return bounded[index];
    }

    /** @return the method's position, or -1 if it is not a bound (abstract) method */
    public int indexOf(Method method) {
        Integer i = index.get(method);
        return i == null ? -1 : i;
    }

    /** @return the C functions it needs */
    public List<String> symbols() {
        return Arrays.stream(methods).map(Method::getName).distinct().toList();
    }

    /** @return the interface method that needs {@code symbol} */
    public String method(String symbol) {
        return type.getName() + "#" + symbol;
    }
}
