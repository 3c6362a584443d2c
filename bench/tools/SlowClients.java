import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A slow-loris attack on loopback, for Graft's benchmarks: N connections, each sending a request
 * head one byte a second and never finishing it. When the server closes one, it connects again and
 * starts over, so the attack keeps trickling. One thread and a selector; bounded in time.
 *
 *   java bench/tools/SlowClients.java 127.0.0.1 8080 1000 40
 *
 * Every 5 s it prints the connections open (handshake done; the server may not have accepted them
 * yet), those still connecting, and how many the server closed, with their age at the close: the
 * time from the client's connect to the server's close. At the end, one SUMMARY line.
 */
public class SlowClients {

    private static final byte[] HEAD = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    private static final long SECOND = 1_000_000_000L;
    private static final long CONNECT_TIMEOUT = 10 * SECOND;

    /** One attacker: its connection, when it connected, and how much of the head it has sent. */
    private static final class Slot {
        SocketChannel channel;
        long startedNanos;   // connect() called
        long connectedNanos; // 0 while connecting
        long nextByteNanos;
        long retryAtNanos;   // 0: not waiting to reconnect
        int sent;
    }

    private final InetSocketAddress server;
    private final Selector selector;
    private final Slot[] slots;
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    // since the last report
    private final List<Long> ages = new ArrayList<>();
    private long answered;
    private long connectFailures;
    // over the whole run
    private final List<Long> allAges = new ArrayList<>();
    private long totalAnswered;
    private long totalConnectFailures;
    private long connects;

    private SlowClients(InetSocketAddress server, int count) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.slots = new Slot[count];
        for (int i = 0; i < count; i++) {
            slots[i] = new Slot();
        }
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("the attack targets loopback only, not " + host);
        }
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        new SlowClients(new InetSocketAddress("127.0.0.1", port), count).run(seconds);
    }

    private void run(long seconds) throws IOException {
        long start = System.nanoTime();
        long end = start + seconds * SECOND;
        long nextReport = start + 5 * SECOND;
        for (Slot slot : slots) {
            connect(slot, start);
        }
        System.out.printf("started: %d clients connecting%n", slots.length);
        System.out.flush();
        while (true) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                break;
            }
            selector.select(50);
            now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Slot slot = (Slot) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    finishConnect(slot, key, now);
                } else if (key.isReadable()) {
                    read(slot, now);
                }
            }
            selector.selectedKeys().clear();
            for (Slot slot : slots) {
                tick(slot, now);
            }
            if (now - nextReport >= 0) {
                report((now - start) / SECOND);
                nextReport += 5 * SECOND;
            }
        }
        report(seconds);
        for (Slot slot : slots) {
            closeQuietly(slot);
        }
        long[] sorted = allAges.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("SUMMARY clients=%d seconds=%d connects=%d closed-by-server=%d close-age-ms p50=%d p99=%d max=%d"
                + " answered=%d connect-failures=%d%n", slots.length, seconds, connects, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                totalAnswered, totalConnectFailures);
    }

    private void connect(Slot slot, long now) {
        try {
            slot.channel = SocketChannel.open();
            slot.channel.configureBlocking(false);
            slot.startedNanos = now;
            slot.connectedNanos = 0;
            slot.retryAtNanos = 0;
            slot.sent = 0;
            connects++;
            if (slot.channel.connect(server)) {
                connected(slot, slot.channel.register(selector, SelectionKey.OP_READ, slot), now);
            } else {
                slot.channel.register(selector, SelectionKey.OP_CONNECT, slot);
            }
        } catch (IOException e) {
            connectFailed(slot, now);
        }
    }

    private void finishConnect(Slot slot, SelectionKey key, long now) {
        try {
            if (slot.channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                connected(slot, key, now);
            }
        } catch (IOException refused) {
            connectFailed(slot, now);
        }
    }

    private void connected(Slot slot, SelectionKey key, long now) {
        slot.connectedNanos = now;
        slot.nextByteNanos = now;
        tick(slot, now); // the first byte at once
    }

    /** Sends the next byte when it is due; gives up a connect that takes too long. */
    private void tick(Slot slot, long now) {
        if (slot.retryAtNanos != 0) {
            if (now - slot.retryAtNanos >= 0) {
                connect(slot, now);
            }
            return;
        }
        if (slot.connectedNanos == 0) {
            if (now - slot.startedNanos > CONNECT_TIMEOUT) {
                connectFailed(slot, now);
            }
            return;
        }
        if (now - slot.nextByteNanos < 0) {
            return;
        }
        byte next = slot.sent < HEAD.length ? HEAD[slot.sent] : (byte) 'a';
        try {
            if (slot.channel.write(ByteBuffer.wrap(new byte[] {next})) == 1) {
                slot.sent++;
                slot.nextByteNanos += SECOND;
            }
        } catch (IOException closed) {
            closedByServer(slot, now); // reset, or the write after the server's close
        }
    }

    private void read(Slot slot, long now) {
        try {
            scratch.clear();
            int read = slot.channel.read(scratch);
            if (read < 0) {
                closedByServer(slot, now);
            } else if (read > 0) {
                answered++; // the server answered the unfinished head (408, 400 …): it closes next
                totalAnswered++;
            }
        } catch (IOException reset) {
            closedByServer(slot, now);
        }
    }

    private void closedByServer(Slot slot, long now) {
        long age = (now - slot.connectedNanos) / 1_000_000;
        ages.add(age);
        allAges.add(age);
        closeQuietly(slot);
        connect(slot, now); // and start over
    }

    private void connectFailed(Slot slot, long now) {
        connectFailures++;
        totalConnectFailures++;
        closeQuietly(slot);
        slot.retryAtNanos = now + SECOND;
    }

    private void report(long second) {
        int open = 0;
        int connecting = 0;
        for (Slot slot : slots) {
            if (slot.retryAtNanos == 0 && slot.channel != null) {
                if (slot.connectedNanos != 0) {
                    open++;
                } else {
                    connecting++;
                }
            }
        }
        long[] sorted = ages.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("t=%ds connected=%d connecting=%d closed-by-server=+%d (total %d) close-age-ms p50=%d max=%d"
                + " answered=+%d connect-failures=+%d%n", second, open, connecting, sorted.length, allAges.size(),
                percentile(sorted, 0.50), sorted.length == 0 ? 0 : sorted[sorted.length - 1], answered, connectFailures);
        ages.clear();
        answered = 0;
        connectFailures = 0;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
    }

    private static void closeQuietly(Slot slot) {
        if (slot.channel != null) {
            try {
                slot.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
