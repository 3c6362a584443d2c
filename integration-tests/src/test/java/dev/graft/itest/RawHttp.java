package dev.graft.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection over a plain socket to Graft on loopback, for what no well-behaved
 * client sends: malformed bodies, oversized heads, requests trickled a byte at a time.
 */
final class RawHttp implements AutoCloseable {

    /** What came back: the status, the headers (names in lower case) and the body as text. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
    }

    OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    void send(String text) throws IOException {
        out().write(text.getBytes(StandardCharsets.ISO_8859_1));
        out().flush();
    }

    /** Reads one response: status line, headers, then a body by Content-Length, chunks, or to the end. */
    Answer answer() throws IOException {
        String[] head = new String(readUntil("\r\n\r\n"), StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) {
                chunks.write(in.readNBytes(size));
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Waits for the server to close the connection, sending nothing, or one byte of {@code trickle}
     * a second if it is not null.
     *
     * @return how long it took, or null if the connection was still open after {@code within}
     */
    Duration awaitClosedByServer(Duration within, byte[] trickle) throws IOException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        int sent = 0;
        long nextByte = start;
        while (System.nanoTime() < deadline) {
            try {
                if (trickle != null && System.nanoTime() - nextByte >= 0) {
                    out().write(trickle[sent++ % trickle.length]);
                    out().flush();
                    nextByte += 1_000_000_000L;
                }
                long wait = Math.min(deadline, trickle == null ? deadline : nextByte) - System.nanoTime();
                socket.setSoTimeout((int) Math.max(1, wait / 1_000_000));
                if (in.read() < 0) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                throw new AssertionError("the server sent something to a client that sent no request head");
            } catch (SocketTimeoutException stillOpen) {
                // nothing yet
            } catch (IOException reset) {
                return Duration.ofNanos(System.nanoTime() - start); // reset, or a write after the close
            }
        }
        return null;
    }

    private String line() throws IOException {
        return new String(readUntil("\r\n"), StandardCharsets.ISO_8859_1);
    }

    private byte[] readUntil(String end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] marker = end.getBytes(StandardCharsets.ISO_8859_1);
        int matched = 0;
        while (matched < marker.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + bytes.size() + " bytes: " + bytes);
            }
            bytes.write(b);
            matched = b == marker[matched] ? matched + 1 : (b == marker[0] ? 1 : 0);
        }
        byte[] all = bytes.toByteArray();
        return Arrays.copyOf(all, all.length - marker.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
