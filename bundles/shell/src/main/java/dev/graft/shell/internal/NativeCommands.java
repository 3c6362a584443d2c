package dev.graft.shell.internal;

import dev.graft.api.nativebridge.NativeBridge;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.nativebridge.dto.NativeLibraryDTO;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code graft:native}, {@code graft:native-reload} and {@code graft:native-call}: the native bridge
 * from the shell, each a thin call of {@link NativeBridge}. Gogo finds a function by its method's
 * name, and a Java name has no '-': the two dashed commands are components of their own
 * ({@link Reload}, {@link Call}) whose one method is Gogo's catch-all {@code _main}.
 */
@Component(service = NativeCommands.class)
@GogoCommand(scope = GogoCommand.GRAFT, function = "native")
public class NativeCommands {

    private static final String NATIVE_TEXT = "list the native libraries: state, mode, serving version (a content hash),"
            + " calls, calls inside, failures, reloads, where declared, the loaded copy, whether the last released"
            + " version left memory, the last error";
    private static final String RELOAD_TEXT = "load a native library again from where it is declared, beside the"
            + " serving version; switch once it passes the checks; the serving version keeps serving if it fails";
    private static final String CALL_TEXT = "call one function of a native library by hand: arguments like 42 are"
            + " ints, 4.2 doubles, anything else (or s:42) a string";

    static final Usage NATIVE = new Usage("native", NATIVE_TEXT, List.of(), "", 0, 0, "");
    static final Usage RELOAD = new Usage("native-reload", RELOAD_TEXT, List.of(), "<library>", 1, 1,
            "graft:native-reload calc");
    static final Usage CALL = new Usage("native-call", CALL_TEXT, List.of(
            new Usage.Option("r", "returns", "TYPE", "what the function returns: int (the default), long, double, string or void")),
            "<library> <function> [<arg> …]", 2, -1, "graft:native-call calc calc_add 2 3");

    private final NativeBridge bridge;

    @Activate
    public NativeCommands(@Reference NativeBridge bridge) {
        this.bridge = bridge;
    }

    @Descriptor(NATIVE_TEXT)
    public String _native(@Descriptor("none") String... args) {
        if (Arguments.parse(NATIVE, args).helpRequested()) {
            return NATIVE.help();
        }
        return NativeFormat.libraries(bridge.libraries());
    }

    /** {@code graft:native-reload}. */
    @Component(service = Reload.class)
    @GogoCommand(scope = GogoCommand.GRAFT, function = "native-reload")
    public static class Reload {

        private final NativeBridge bridge;

        @Activate
        public Reload(@Reference NativeBridge bridge) {
            this.bridge = bridge;
        }

        @Descriptor(RELOAD_TEXT)
        public String _main(@Descriptor("<library>") String... args) {
            return reload(bridge, withoutName(args));
        }
    }

    /** {@code graft:native-call}. */
    @Component(service = Call.class)
    @GogoCommand(scope = GogoCommand.GRAFT, function = "native-call")
    public static class Call {

        private final NativeBridge bridge;

        @Activate
        public Call(@Reference NativeBridge bridge) {
            this.bridge = bridge;
        }

        @Descriptor(CALL_TEXT)
        public String _main(@Descriptor("[-r TYPE] <library> <function> [<arg> …]") String... args) {
            return call(bridge, withoutName(args));
        }
    }

    // Gogo passes _main the function name first
    private static String[] withoutName(String[] args) {
        return args.length > 0 && args[0] != null && args[0].startsWith("native-")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    }

    static String reload(NativeBridge bridge, String... args) {
        Arguments parsed = Arguments.parse(RELOAD, args);
        if (parsed.helpRequested()) {
            return RELOAD.help();
        }
        try {
            NativeLibraryDTO library = bridge.reload(parsed.operands().get(0));
            return "reloaded " + library.name + ": version " + library.version + " serves (" + library.mode + ")"
                    + NativeFormat.release(library);
        } catch (NativeException e) {
            throw RELOAD.refused(e.code() + " " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw RELOAD.refused(e.getMessage(), e);
        }
    }

    static String call(NativeBridge bridge, String... args) {
        // parsed here, not by Arguments: a negative number is an argument, not an option
        String returns = "int";
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) {
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                return CALL.help();
            } else if (arg.equals("-r") || arg.equals("--returns")) {
                if (i + 1 >= args.length || args[i + 1] == null) {
                    throw CALL.wrong(arg + " needs a value (TYPE)");
                }
                returns = args[++i];
            } else if (arg.startsWith("--returns=")) {
                returns = arg.substring("--returns=".length());
            } else {
                operands.add(arg);
            }
        }
        if (operands.size() < 2) {
            throw CALL.wrong(null);
        }
        Class<?> returnType = switch (returns) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "string" -> String.class;
            case "void" -> void.class;
            default -> throw CALL.wrong("-r " + returns + " is none of int, long, double, string, void");
        };
        Object[] values = operands.subList(2, operands.size()).stream().map(NativeCommands::value).toArray();
        try {
            Object result = bridge.call(operands.get(0), operands.get(1), returnType, values);
            return returnType == void.class ? operands.get(1) + " returned" : String.valueOf(result);
        } catch (NativeException e) {
            throw CALL.refused(e.code() + " " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CALL.refused(e.getMessage(), e);
        }
    }

    static Object value(String text) {
        if (text.startsWith("s:")) {
            return text.substring(2);
        }
        if (text.matches("-?\\d{1,9}")) {
            return Integer.valueOf(text);
        }
        if (text.matches("-?\\d+\\.\\d*([eE]-?\\d+)?")) {
            return Double.valueOf(text);
        }
        return text;
    }
}
