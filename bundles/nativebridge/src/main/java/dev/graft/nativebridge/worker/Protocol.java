package dev.graft.nativebridge.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between the bridge and an isolated library's worker (a loopback socket): a request
 * is {@code int id, byte op, …}, an answer {@code int id, byte status, …}. Values travel by the type
 * codes of the bridge's signatures (I J D F Z S B V). Strings and buffers are length-prefixed and
 * bounded. Shared by both sides: this package is copied into the worker's jar.
 */
public final class Protocol {

    public static final byte CALL = 1;
    public static final byte MISSING = 2;
    public static final byte OK = 0;
    public static final byte ERROR = 1;
    /** The environment variable holding the token the worker proves itself with. */
    public static final String TOKEN = "GRAFT_NATIVE_TOKEN";
    /** The largest string or buffer either side accepts. */
    public static final int MAX_BYTES = 1 << 20;

    private Protocol() {}

    public static void writeValue(DataOutputStream out, char type, Object value) throws IOException {
        switch (type) {
            case 'I' -> out.writeInt(((Number) value).intValue());
            case 'J' -> out.writeLong(((Number) value).longValue());
            case 'D' -> out.writeDouble(((Number) value).doubleValue());
            case 'F' -> out.writeFloat(((Number) value).floatValue());
            case 'Z' -> out.writeBoolean((Boolean) value);
            case 'S' -> writeBytes(out, value == null ? null : ((String) value).getBytes(StandardCharsets.UTF_8));
            case 'B' -> writeBytes(out, (byte[]) value);
            case 'V' -> { }
            default -> throw new IOException("type " + type);
        }
    }

    public static Object readValue(DataInputStream in, char type) throws IOException {
        return switch (type) {
            case 'I' -> in.readInt();
            case 'J' -> in.readLong();
            case 'D' -> in.readDouble();
            case 'F' -> in.readFloat();
            case 'Z' -> in.readBoolean();
            case 'S' -> {
                byte[] bytes = readBytes(in);
                yield bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
            }
            case 'B' -> readBytes(in);
            case 'V' -> null;
            default -> throw new IOException("type " + type);
        };
    }

    public static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(bytes.length + " bytes; at most " + MAX_BYTES + " cross to the worker");
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > MAX_BYTES) {
            throw new IOException(length + " bytes; at most " + MAX_BYTES + " cross from the worker");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    public static void writeText(DataOutputStream out, String text) throws IOException {
        writeBytes(out, (text.length() > 4000 ? text.substring(0, 4000) : text).getBytes(StandardCharsets.UTF_8));
    }

    public static String readText(DataInputStream in) throws IOException {
        byte[] bytes = readBytes(in);
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
