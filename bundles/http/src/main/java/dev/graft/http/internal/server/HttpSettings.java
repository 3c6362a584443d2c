package dev.graft.http.internal.server;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The server's settings, read once at start from framework properties ({@code etc/config.properties}).
 * A value that does not parse is reported and replaced by its default, so a typo never keeps the
 * server from starting.
 *
 * @param host the address to listen on; {@code 0.0.0.0} for every interface
 * @param port the port; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted; beyond it, 413
 * @param maxHeaderBytes the largest request line plus headers; beyond it, 431
 * @param headerTimeoutMillis how long a connection may take to send a request's headers
 * @param idleTimeoutMillis how long a connection may stay silent in the middle of a request
 * @param maxConnections open connections at most; at the cap, accepting pauses
 * @param maxThreads the worker threads at most
 * @param problems what was wrong with the properties, one readable line each
 */
public record HttpSettings(String host, int port, long maxBodyBytes, int maxHeaderBytes, long headerTimeoutMillis,
        long idleTimeoutMillis, int maxConnections, int maxThreads, List<String> problems) {

    public static final String HOST = "graft.http.host";
    public static final String PORT = "org.osgi.service.http.port";
    public static final String MAX_BODY = "graft.http.maxBodyBytes";
    public static final String MAX_HEADER = "graft.http.maxHeaderBytes";
    public static final String HEADER_TIMEOUT = "graft.http.headerTimeoutMillis";
    public static final String IDLE_TIMEOUT = "graft.http.idleTimeoutMillis";
    public static final String MAX_CONNECTIONS = "graft.http.maxConnections";
    public static final String MAX_THREADS = "graft.http.maxThreads";

    static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;
    static final int DEFAULT_MAX_HEADER = 16 * 1024;
    static final long DEFAULT_HEADER_TIMEOUT = 10_000;
    static final long DEFAULT_IDLE_TIMEOUT = 30_000;
    static final int DEFAULT_MAX_THREADS = 200;
    // file descriptors kept free of connections: bundles, jars, logs, the JVM's own
    static final int RESERVED_FILES = 128;

    /** Reads the settings; {@code properties} returns null for a property that is not set. */
    public static HttpSettings read(Function<String, String> properties) {
        List<String> problems = new ArrayList<>();
        Reader in = new Reader(properties, problems);
        String host = in.text(HOST, "0.0.0.0");
        int port = (int) in.number(PORT, 8080, 0, 65535);
        long maxBody = in.number(MAX_BODY, DEFAULT_MAX_BODY, 0, Long.MAX_VALUE);
        int maxHeader = (int) in.number(MAX_HEADER, DEFAULT_MAX_HEADER, 1024, 1024 * 1024);
        long headerTimeout = in.number(HEADER_TIMEOUT, DEFAULT_HEADER_TIMEOUT, 100, 600_000);
        long idleTimeout = in.number(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, 100, 3_600_000);
        long fileLimit = openFileLimit(); // once: a JMX call
        int connectionsDefault = defaultMaxConnections(fileLimit);
        int maxConnections = (int) in.number(MAX_CONNECTIONS, connectionsDefault, 1, 1_000_000);
        if (fileLimit > 0 && maxConnections > fileLimit - RESERVED_FILES) {
            problems.add(MAX_CONNECTIONS + "=" + maxConnections + " is not below the open-file limit (" + fileLimit
                    + ") less " + RESERVED_FILES + " for the runtime; using " + connectionsDefault);
            maxConnections = connectionsDefault;
        }
        int maxThreads = (int) in.number(MAX_THREADS, DEFAULT_MAX_THREADS, 8, 10_000);
        return new HttpSettings(host, port, maxBody, maxHeader, headerTimeout, idleTimeout, maxConnections, maxThreads,
                List.copyOf(problems));
    }

    /** Three quarters of what the open-file limit leaves after the runtime's own files; 10,000 without a limit. */
    static int defaultMaxConnections(long fileLimit) {
        if (fileLimit <= 0) {
            return 10_000;
        }
        return (int) Math.max(16, Math.min(10_000, (fileLimit - RESERVED_FILES) * 3 / 4));
    }

    /** @return the process's open-file limit, or -1 where the JVM does not tell */
    static long openFileLimit() {
        // through JMX, not com.sun.management: a bundle need not import a JDK-internal package
        try {
            Object limit = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "MaxFileDescriptorCount");
            return limit instanceof Number number ? number.longValue() : -1;
        } catch (JMException | RuntimeException notUnix) {
            return -1;
        }
    }

    private record Reader(Function<String, String> properties, List<String> problems) {

        String text(String name, String fallback) {
            String value = properties.apply(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        long number(String name, long fallback, long min, long max) {
            String value = properties.apply(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                long number = Long.parseLong(value.trim());
                if (number < min || number > max) {
                    problems.add(name + "=" + value.trim() + " is outside " + min + ".." + max + "; using " + fallback);
                    return fallback;
                }
                return number;
            } catch (NumberFormatException e) {
                problems.add(name + "=" + value.trim() + " is not a whole number; using " + fallback);
                return fallback;
            }
        }
    }
}
