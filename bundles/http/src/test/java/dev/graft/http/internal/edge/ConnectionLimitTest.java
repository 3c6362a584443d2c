package dev.graft.http.internal.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

    private final Server server = new Server();
    private final ConnectionLimit limit = new ConnectionLimit(10, server);
    private Pipe pipe;

    @BeforeEach
    void start() throws Exception {
        server.addBean(limit);
        server.start();
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        limit.onAccepting(pipe.source());
        limit.onAccepted(pipe.source());
    }

    @AfterEach
    void stop() throws Exception {
        pipe.sink().close();
        pipe.source().close();
        server.stop();
    }

    @Test
    void aClosedChannelStillRegisteredWithASelectorCountsUntilTheSelectorLetsGoOfIt() throws Exception {
        try (Selector selector = Selector.open()) {
            pipe.source().register(selector, SelectionKey.OP_READ);
            pipe.source().close(); // the JDK keeps the descriptor until the selector deregisters the key
            limit.onClosed(pipe.source());
            Thread.sleep(50);
            assertEquals(1, limit.getNetworkConnectionCount(), "released while its descriptor was open");

            selector.selectNow();
            awaitCount(0);
        }
    }

    @Test
    void aClosedChannelNotRegisteredIsReleasedAtOnce() throws Exception {
        pipe.source().close();
        limit.onClosed(pipe.source());
        assertEquals(0, limit.getNetworkConnectionCount());
    }

    private void awaitCount(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (limit.getNetworkConnectionCount() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, limit.getNetworkConnectionCount());
    }
}
