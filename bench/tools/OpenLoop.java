import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An open-loop load generator for Graft's benchmarks: requests to each path leave on a fixed
 * schedule (rate per second) whether or not earlier ones were answered, over a pool of keep-alive
 * HTTP/1.1 connections on loopback; a request's latency is counted from its scheduled time, so a
 * stalled server (or client) shows in the figures instead of slowing the load. One thread, a selector;
 * requests leave up to about 1 ms after their time (the selector's resolution), and that counts too.
 *
 *   java bench/tools/OpenLoop.java 127.0.0.1 8080 /hello=2000 /echo/x=200 [--ramp 10]
 *
 * With {@code --ramp S} the rates grow from a tenth to all of their value over the first S seconds.
 * Standard input steers it: a line "phase NAME" labels the requests scheduled from then on (the
 * first phase is "warmup"), "end" stops it (so does a safety limit of 600 s). Then, per phase and
 * path, one line: requests, answers by status, connection errors, timeouts (no answer within 10 s),
 * p50/p99/max in ms; before them, a line per second of schedule with each path's answers and p99.
 * A GET that meets a keep-alive connection the server has just closed, before any byte of answer,
 * is sent once more on a new connection (as HTTP clients do); those are counted.
 */
public class OpenLoop {

    private static final long MILLI = 1_000_000L;
    private static final long TIMEOUT = 10_000 * MILLI;
    private static final long SAFETY = 600_000 * MILLI;
    private static final int MAX_CONNECTIONS_PER_PATH = 2000;

    /** One path's schedule, connections and requests waiting for a connection. */
    private static final class Target {
        final String path;
        final double rate;
        final byte[] request;
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        int connections;
        int peakConnections;
        long nextDue;

        Target(String path, double rate, String host) {
            this.path = path;
            this.rate = rate;
            this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final class Request {
        final Target target;
        final long scheduledNanos;
        final String phase;
        boolean retried;

        Request(Target target, long scheduledNanos, String phase) {
            this.target = target;
            this.scheduledNanos = scheduledNanos;
            this.phase = phase;
        }
    }

    /** What was seen of one path in one phase. */
    private static final class Stats {
        final Map<Integer, Long> statuses = new TreeMap<>();
        long requests;
        long errors;
        long timeouts;
        long retried;
        long[] latencies = new long[1024];
        int count;

        void answered(int status, long nanos) {
            statuses.merge(status, 1L, Long::sum);
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }

    /** A connection, and the request on it, if any. */
    private static final class Conn {
        final Target target;
        final SocketChannel channel;
        SelectionKey key;
        Request current;
        ByteBuffer out;
        byte[] in = new byte[4096];
        int length;
        boolean connected;
        boolean used;

        Conn(Target target, SocketChannel channel) {
            this.target = target;
            this.channel = channel;
        }
    }

    private final InetSocketAddress server;
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Map<String, Stats>> phases = new LinkedHashMap<>(); // phase → path → stats
    private final Map<Long, Map<String, Stats>> seconds = new TreeMap<>(); // second → path → stats
    private long start;
    private final Set<Conn> busy = new HashSet<>();
    private final Selector selector;
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    /** A phase, from when its requests are scheduled. */
    private record Phase(String name, long startNanos) {}

    private final List<Phase> phaseStarts = new CopyOnWriteArrayList<>(List.of(new Phase("warmup", Long.MIN_VALUE)));
    private volatile boolean ending;
    private long rampNanos;

    private OpenLoop(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        if (!args[0].equals("127.0.0.1") && !args[0].equals("localhost")) {
            throw new IllegalArgumentException("load tests target loopback only, not " + args[0]);
        }
        int port = Integer.parseInt(args[1]);
        OpenLoop load = new OpenLoop(new InetSocketAddress("127.0.0.1", port));
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--ramp")) {
                load.rampNanos = (long) (Double.parseDouble(args[++i]) * 1e9);
                continue;
            }
            String[] pathRate = args[i].split("=");
            load.targets.add(new Target(pathRate[0], Double.parseDouble(pathRate[1]), "127.0.0.1:" + port));
        }
        Thread control = new Thread(load::control, "control");
        control.setDaemon(true);
        control.start();
        load.run();
    }

    private void control() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("phase ")) {
                    phaseStarts.add(new Phase(line.substring(6).trim(), System.nanoTime()));
                    System.out.println(line);
                } else if (line.trim().equals("end")) {
                    break;
                }
            }
        } catch (IOException ignored) {
            // ends the load like "end"
        }
        ending = true;
        selector.wakeup();
    }

    private void run() throws IOException {
        start = System.nanoTime();
        for (Target target : targets) {
            target.nextDue = start;
        }
        System.out.println("started: " + targets.size() + " paths, phase warmup");
        System.out.flush();
        long nextCheck = start;
        while (!ending && System.nanoTime() - start < SAFETY) {
            long now = System.nanoTime();
            long nextDue = Long.MAX_VALUE;
            for (Target target : targets) {
                while (target.nextDue - now <= 0) {
                    long due = target.nextDue;
                    // the ramp: from a tenth of the rate to all of it, so that JITs warm up without a backlog
                    double share = rampNanos == 0 ? 1 : Math.min(1, 0.1 + 0.9 * (due - start) / (double) rampNanos);
                    target.nextDue += (long) (1e9 / (target.rate * share));
                    Request request = new Request(target, due, phaseAt(due));
                    stats(request).requests++;
                    send(request, now);
                }
                nextDue = Math.min(nextDue, target.nextDue);
            }
            if (now - nextCheck >= 0) {
                expire(now);
                nextCheck = now + 100 * MILLI;
            }
            long wait = nextDue - System.nanoTime();
            if (wait <= 0) {
                selector.selectNow();
            } else {
                selector.select(Math.max(1, wait / MILLI)); // a schedule to about 1 ms: no spinning
            }
            handle(System.nanoTime());
        }
        // the last answers, then whatever is left is a timeout
        long drainUntil = System.nanoTime() + TIMEOUT;
        while (!busy.isEmpty() || targets.stream().anyMatch(t -> !t.waiting.isEmpty())) {
            long now = System.nanoTime();
            if (now - drainUntil > 0) {
                break;
            }
            selector.select(100);
            handle(System.nanoTime());
            expire(System.nanoTime());
        }
        expire(Long.MAX_VALUE);
        report();
    }

    // by the scheduled time: a request the client sends late still belongs to its phase
    private String phaseAt(long nanos) {
        String name = null;
        for (Phase phase : phaseStarts) {
            if (nanos - phase.startNanos() >= 0 || phase.startNanos() == Long.MIN_VALUE) {
                name = phase.name();
            }
        }
        return name;
    }

    private Stats stats(Request request) {
        return phases.computeIfAbsent(request.phase, p -> new LinkedHashMap<>())
                .computeIfAbsent(request.target.path, p -> new Stats());
    }

    private Stats second(Request request) {
        return seconds.computeIfAbsent((request.scheduledNanos - start) / 1_000_000_000L, s -> new LinkedHashMap<>())
                .computeIfAbsent(request.target.path, p -> new Stats());
    }

    /** Sends on an idle connection, a new one, or queues for one at the cap. */
    private void send(Request request, long now) {
        Target target = request.target;
        Conn conn = target.idle.pollLast(); // the most recently used: the least likely to be timed out
        if (conn != null) {
            start(conn, request);
        } else if (target.connections < MAX_CONNECTIONS_PER_PATH) {
            open(target, request);
        } else {
            target.waiting.add(request);
        }
    }

    private void open(Target target, Request request) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            Conn conn = new Conn(target, channel);
            target.connections++;
            target.peakConnections = Math.max(target.peakConnections, target.connections);
            conn.current = request;
            busy.add(conn);
            if (channel.connect(server)) {
                conn.connected = true;
                conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
                write(conn);
            } else {
                conn.key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
            }
        } catch (IOException e) {
            target.connections--;
            stats(request).errors++;
        }
    }

    private void start(Conn conn, Request request) {
        conn.current = request;
        conn.length = 0;
        conn.out = ByteBuffer.wrap(request.target.request);
        busy.add(conn);
        write(conn);
    }

    private void write(Conn conn) {
        if (conn.out == null) {
            conn.out = ByteBuffer.wrap(conn.target.request);
        }
        try {
            conn.channel.write(conn.out);
            conn.key.interestOps(conn.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (IOException e) {
            failed(conn);
        }
    }

    private void handle(long now) {
        for (SelectionKey key : selector.selectedKeys()) {
            Conn conn = (Conn) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            try {
                if (key.isConnectable()) {
                    conn.channel.finishConnect();
                    conn.connected = true;
                    key.interestOps(SelectionKey.OP_READ);
                    write(conn);
                    continue;
                }
                if (key.isWritable()) {
                    write(conn);
                }
                if (key.isReadable()) {
                    read(conn, now);
                }
            } catch (IOException e) {
                failed(conn);
            }
        }
        selector.selectedKeys().clear();
    }

    private void read(Conn conn, long now) throws IOException {
        scratch.clear();
        int read = conn.channel.read(scratch);
        if (read < 0) {
            if (conn.current == null) {
                discard(conn); // an idle connection the server closed
            } else {
                failed(conn);
            }
            return;
        }
        if (conn.current == null) {
            discard(conn); // nothing was asked
            return;
        }
        if (conn.length + read > conn.in.length) {
            conn.in = Arrays.copyOf(conn.in, Math.max(conn.in.length * 2, conn.length + read));
        }
        scratch.flip();
        scratch.get(conn.in, conn.length, read);
        conn.length += read;
        int[] answer = parse(conn.in, conn.length);
        if (answer == null) {
            return;
        }
        Request request = conn.current;
        stats(request).answered(answer[0], now - request.scheduledNanos);
        second(request).answered(answer[0], now - request.scheduledNanos);
        conn.current = null;
        conn.used = true;
        busy.remove(conn);
        if (answer[1] == 1 || answer[2] != conn.length) {
            discard(conn); // the server closes it, or sent more than asked
        } else {
            conn.length = 0;
            conn.out = null;
            Request next = conn.target.waiting.poll();
            if (next != null) {
                start(conn, next);
            } else {
                conn.target.idle.add(conn);
            }
        }
    }

    /** @return status, 1 if the connection closes, and the response's length; null while incomplete */
    static int[] parse(byte[] in, int length) {
        int head = indexOf(in, length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (head < 0) {
            return null;
        }
        String[] lines = new String(in, 0, head, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int contentLength = 0;
        boolean chunked = false;
        boolean close = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            } else if (line.startsWith("connection:") && line.contains("close")) {
                close = true;
            }
        }
        int body = head + 4;
        if (!chunked) {
            return body + contentLength <= length ? new int[] {status, close ? 1 : 0, body + contentLength} : null;
        }
        int at = body;
        while (true) {
            int eol = indexOf(Arrays.copyOfRange(in, at, length), length - at, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (eol < 0) {
                return null;
            }
            int size = Integer.parseInt(new String(in, at, eol, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            at += eol + 2 + size + 2;
            if (at > length) {
                return null;
            }
            if (size == 0) {
                return new int[] {status, close ? 1 : 0, at};
            }
        }
    }

    private static int indexOf(byte[] in, int length, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The request on the connection got no answer: sent again once if the connection was a reused one. */
    private void failed(Conn conn) {
        Request request = conn.current;
        boolean reused = conn.used;
        boolean nothingBack = conn.length == 0;
        discard(conn);
        if (request == null) {
            return;
        }
        if (reused && nothingBack && !request.retried) {
            request.retried = true;
            stats(request).retried++;
            send(request, System.nanoTime());
        } else {
            stats(request).errors++;
        }
    }

    private void discard(Conn conn) {
        busy.remove(conn);
        conn.target.idle.remove(conn);
        conn.target.connections--;
        conn.current = null;
        try {
            conn.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        Request next = conn.target.waiting.poll();
        if (next != null) {
            send(next, System.nanoTime());
        }
    }

    /** Requests without an answer 10 s after their scheduled time are timeouts; their connections are closed. */
    private void expire(long now) {
        for (Conn conn : new ArrayList<>(busy)) {
            Request request = conn.current;
            if (request != null && now - request.scheduledNanos > TIMEOUT) {
                stats(request).timeouts++;
                conn.current = null;
                discard(conn);
            }
        }
        for (Target target : targets) {
            while (!target.waiting.isEmpty() && now - target.waiting.peek().scheduledNanos > TIMEOUT) {
                stats(target.waiting.poll()).timeouts++;
            }
        }
    }

    private void report() {
        seconds.forEach((second, paths) -> {
            StringBuilder line = new StringBuilder("SECOND t=" + second + " phase=" + phaseAt(start + second * 1_000_000_000L));
            paths.forEach((path, stats) -> {
                long[] sorted = Arrays.copyOf(stats.latencies, stats.count);
                Arrays.sort(sorted);
                line.append(String.format(Locale.ROOT, " %s:n=%d,p99=%.1fms,max=%.1fms,status=%s", path, stats.count,
                        millis(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                        stats.statuses.toString().replace(" ", "")));
            });
            System.out.println(line);
        });
        phases.forEach((name, paths) -> paths.forEach((path, stats) -> {
            long[] sorted = Arrays.copyOf(stats.latencies, stats.count);
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "RESULT phase=%s path=%s requests=%d answered=%d status=%s errors=%d timeouts=%d"
                    + " retried=%d p50=%.2fms p99=%.2fms max=%.2fms%n", name, path, stats.requests, stats.count,
                    stats.statuses.toString().replace(" ", ""), stats.errors, stats.timeouts, stats.retried,
                    millis(sorted, 0.50), millis(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }));
        for (Target target : targets) {
            System.out.printf("CONNECTIONS path=%s peak=%d%n", target.path, target.peakConnections);
        }
    }

    private static double millis(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] / 1e6;
    }
}
