package dev.graft.nativebridge.internal.call;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.nativebridge.NativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A library version loaded into this process through JNA. It owns its {@link NativeLibrary}: the
 * instance its functions were resolved from is the one {@link #close()} disposes (JNA caches instances
 * per name and options; a unique option makes each version a handle of its own, so a reload of the
 * same file never hands out, or disposes, another version's instance).
 */
public final class JnaLibrary implements LoadedLibrary {

    // RTLD_NOW | RTLD_LOCAL: unresolved references fail the load (a check before it serves), and two
    // versions never interpose each other's symbols
    private static final int OPEN_FLAGS = 2;

    private final String name;
    private final Path path;
    private final NativeLibrary library;

    private JnaLibrary(String name, Path path, NativeLibrary library) {
        this.name = name;
        this.path = path;
        this.library = library;
    }

    /**
     * @param generation unique per load: the key of JNA's instance cache
     * @throws NativeException {@code E_NATIVE_MISSING} if the dynamic loader refuses the file (a
     *     dependency missing, an unresolved symbol)
     */
    public static JnaLibrary open(String name, Path path, long generation) {
        Map<String, Object> options = new HashMap<>();
        options.put(Library.OPTION_OPEN_FLAGS, OPEN_FLAGS);
        options.put("graft.generation", generation);
        try {
            return new JnaLibrary(name, path, NativeLibrary.getInstance(path.toString(), options));
        } catch (UnsatisfiedLinkError e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new NativeException(FailureCode.E_NATIVE_MISSING, name, "library " + name + ": the dynamic loader refused "
                    + path.getFileName() + ": " + reason, e);
        }
    }

    @Override
    public List<String> missing(Collection<String> symbols) {
        List<String> missing = new ArrayList<>();
        for (String symbol : symbols) {
            try {
                library.getFunction(symbol);
            } catch (UnsatisfiedLinkError e) {
                missing.add(symbol);
            }
        }
        return missing;
    }

    @Override
    public Invoker invoker(String function, Signature signature) {
        Function f;
        try {
            f = library.getFunction(function);
        } catch (UnsatisfiedLinkError e) {
            throw new NativeException(FailureCode.E_NATIVE_SYMBOL, name, "library " + name + ": no function " + function, e);
        }
        return switch (signature.returnType()) {
            case 'I' -> f::invokeInt;
            case 'J' -> f::invokeLong;
            case 'D' -> f::invokeDouble;
            case 'F' -> f::invokeFloat;
            case 'Z' -> args -> f.invokeInt(args) != 0;
            case 'S' -> args -> read(f.invokePointer(args));
            case 'V' -> args -> {
                f.invokeVoid(args);
                return null;
            };
            default -> throw new IllegalArgumentException("return type " + signature.returnType());
        };
    }

    // a returned string is read up to the bound, never past it (a missing NUL cannot run away)
    private String read(Pointer p) {
        if (p == null) {
            return null;
        }
        int length = 0;
        while (p.getByte(length) != 0) {
            if (++length >= NativeBridge.MAX_STRING_BYTES) {
                throw new NativeException(FailureCode.E_NATIVE_ABI, name, "library " + name + ": a returned string has no NUL"
                        + " within " + NativeBridge.MAX_STRING_BYTES + " bytes");
            }
        }
        return new String(p.getByteArray(0, length), StandardCharsets.UTF_8);
    }

    @Override
    public Boolean close() {
        library.close();
        return mapped(path) ? Boolean.FALSE : Boolean.TRUE;
    }

    /** @return whether the file is mapped into this process (Linux: /proc/self/maps); false if not known */
    public static boolean mapped(Path file) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return false;
        }
        try (var lines = Files.lines(maps)) {
            String needle = file.toString();
            return lines.anyMatch(l -> l.contains(needle));
        } catch (IOException e) {
            return false;
        }
    }
}
