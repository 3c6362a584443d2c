package dev.graft.nativebridge.worker;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker process of an isolated library: {@code java -cp <worker jar>:<jna jar> … WorkerMain
 * <library> <port>}. It loads the library, connects back to the bridge on the loopback port, proves
 * itself with the token it was given, and runs the calls it receives one at a time, in order. A
 * crash in the library ends this process only; the end of the connection (the bridge stopped) ends
 * it too. It runs outside OSGi: only the JDK and JNA.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws IOException {
        String token = System.getenv(Protocol.TOKEN);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]))) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            out.writeUTF(token == null ? "" : token);
            NativeLibrary library;
            try {
                Map<String, Object> options = new HashMap<>();
                options.put(Library.OPTION_OPEN_FLAGS, 2); // RTLD_NOW | RTLD_LOCAL, as in-process
                library = NativeLibrary.getInstance(args[0], options);
                out.writeByte(Protocol.OK);
                out.flush();
            } catch (Throwable e) {
                out.writeByte(Protocol.ERROR);
                Protocol.writeText(out, String.valueOf(e.getMessage()));
                out.flush();
                return;
            }
            serve(library, in, out);
        }
    }

    private static void serve(NativeLibrary library, DataInputStream in, DataOutputStream out) throws IOException {
        Map<String, Function> functions = new HashMap<>();
        while (true) {
            int id;
            try {
                id = in.readInt();
            } catch (EOFException e) {
                return; // the bridge closed the connection
            }
            byte op = in.readByte();
            if (op == Protocol.MISSING) {
                int count = in.readInt();
                StringBuilder missing = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    String symbol = Protocol.readText(in);
                    try {
                        library.getFunction(symbol);
                    } catch (UnsatisfiedLinkError e) {
                        missing.append(missing.length() == 0 ? "" : ",").append(symbol);
                    }
                }
                out.writeInt(id);
                out.writeByte(Protocol.OK);
                Protocol.writeText(out, missing.toString());
                out.flush();
                continue;
            }
            String name = Protocol.readText(in);
            char returnType = (char) in.readByte();
            int count = in.readByte();
            char[] types = new char[count];
            Object[] arguments = new Object[count];
            for (int i = 0; i < count; i++) {
                types[i] = (char) in.readByte();
                arguments[i] = Protocol.readValue(in, types[i]);
            }
            Object result;
            try {
                Function function = functions.get(name);
                if (function == null) {
                    function = library.getFunction(name);
                    functions.put(name, function);
                }
                result = call(function, returnType, arguments);
            } catch (Throwable e) {
                out.writeInt(id);
                out.writeByte(Protocol.ERROR);
                Protocol.writeText(out, e.getClass().getSimpleName() + ": " + e.getMessage());
                out.flush();
                continue;
            }
            out.writeInt(id);
            out.writeByte(Protocol.OK);
            Protocol.writeValue(out, returnType, result);
            for (int i = 0; i < count; i++) {
                if (types[i] == 'B') {
                    Protocol.writeBytes(out, (byte[]) arguments[i]);
                }
            }
            out.flush();
        }
    }

    private static Object call(Function f, char returnType, Object[] args) {
        return switch (returnType) {
            case 'I' -> f.invokeInt(args);
            case 'J' -> f.invokeLong(args);
            case 'D' -> f.invokeDouble(args);
            case 'F' -> f.invokeFloat(args);
            case 'Z' -> f.invokeInt(args) != 0;
            case 'S' -> read(f.invokePointer(args));
            case 'V' -> {
                f.invokeVoid(args);
                yield null;
            }
            default -> throw new IllegalArgumentException("return type " + returnType);
        };
    }

    private static String read(Pointer p) {
        if (p == null) {
            return null;
        }
        int length = 0;
        while (p.getByte(length) != 0) {
            if (++length >= Protocol.MAX_BYTES) {
                throw new IllegalStateException("a returned string has no NUL within " + Protocol.MAX_BYTES + " bytes");
            }
        }
        return new String(p.getByteArray(0, length), StandardCharsets.UTF_8);
    }
}
