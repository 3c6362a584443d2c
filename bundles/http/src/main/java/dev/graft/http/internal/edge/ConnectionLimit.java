package dev.graft.http.internal.edge;

import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's connection cap, counting a closed connection until its file descriptor is released.
 *
 * <p>The JDK closes a channel registered with a selector only when that selector next deregisters
 * its key; Jetty reports the connection closed before. When many connections close at once (the
 * {@link HeaderDeadline} sweep under a slow-client flood), the acceptor refilled their places
 * from the accept queue while the old descriptors were still open, and open files went past the
 * cap by hundreds: past the open-file limit, accepting fails with "Too many open files".
 */
public final class ConnectionLimit extends NetworkConnectionLimit {

    static final long CHECK_MILLIS = 5;

    private final Server server;
    private final Scheduler scheduler;
    private final Set<SelectableChannel> releasing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checking = new AtomicBoolean();

    public ConnectionLimit(int maxConnections, Server server) {
        super(maxConnections, server);
        this.server = server;
        this.scheduler = server.getScheduler();
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        if (!channel.isRegistered()) {
            super.onClosed(channel); // its descriptor is closed
            return;
        }
        releasing.add(channel);
        wakeSelectors(); // a selector deregisters closed channels when it wakes
        checkSoon();
    }

    @Override
    protected void doStop() throws Exception {
        releasing.clear();
        super.doStop();
    }

    private void checkSoon() {
        if (checking.compareAndSet(false, true)) {
            scheduler.schedule(this::release, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void release() {
        releasing.removeIf(channel -> {
            if (channel.isRegistered()) {
                return false;
            }
            super.onClosed(channel);
            return true;
        });
        checking.set(false);
        if (!releasing.isEmpty() && isRunning()) {
            wakeSelectors();
            checkSoon();
        }
    }

    private void wakeSelectors() {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                for (ManagedSelector managed : network.getSelectorManager().getBeans(ManagedSelector.class)) {
                    Selector selector = managed.getSelector();
                    if (selector != null) {
                        selector.wakeup();
                    }
                }
            }
        }
    }
}
