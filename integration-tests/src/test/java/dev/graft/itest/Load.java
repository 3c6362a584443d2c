package dev.graft.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Clients sending the same request one after another until stopped, each on its own thread and
 * connection, counting what they get: every answer as {@code "status body"}, and the module that
 * gave each answer other than 200 (its {@code Graft-Module} header).
 */
public final class Load {

    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresByModule = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients;

    /** Starts the clients. @param headers name, value … sent with each request */
    public Load(int port, int clients, String path, String... headers) {
        this.clients = IntStream.range(0, clients).mapToObj(i -> {
            Thread client = new Thread(() -> send(new Http(port), path, headers), "load " + path + " #" + i);
            client.setDaemon(true);
            client.start();
            return client;
        }).toList();
    }

    private void send(Http client, String path, String... headers) {
        while (running.get()) {
            try {
                HttpResponse<String> response = client.get(path, headers);
                count(answers, response.statusCode() + " " + response.body());
                if (response.statusCode() != 200) {
                    count(failuresByModule, response.headers().firstValue("Graft-Module").orElse("(no Graft-Module)"));
                }
            } catch (Exception e) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, e);
            }
        }
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Waits until the clients have had this many answers in all, e.g. to see a version keep serving. */
    public void awaitAnswers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + total() + " answers of " + count + " after " + timeout.toMillis()
                        + " ms: " + answers() + ", connection errors: " + errors);
            }
            Thread.sleep(20);
        }
    }

    /** Stops the clients and waits until each has had its last answer. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(20_000);
            assertTrue(client.getName() + " did not stop", !client.isAlive());
        }
    }

    /** @return every answer so far ({@code "status body"}) with how often it came */
    public Map<String, Integer> answers() {
        return snapshot(answers);
    }

    /** @return for the answers other than 200: the module that gave them ({@code bsn/version}), with how many */
    public Map<String, Integer> failuresByModule() {
        return snapshot(failuresByModule);
    }

    /** @return how many requests got no answer at all (connection refused or reset, timeout) */
    public int errors() {
        return errors.get();
    }

    /** @return how many answers came */
    public int total() {
        return answers.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    /** Stops the clients; asserts no connection error and that every answer was one of {@code expected}. */
    public void stopAndCheck(String what, String... expected) throws InterruptedException {
        stop();
        System.out.println("responses " + what + ": " + answers() + ", connection errors: " + errors);
        assertEquals("connection errors " + what + " (the first: " + firstError.get() + ")", 0, errors.get());
        assertTrue("answers " + what + ": " + answers(), List.of(expected).containsAll(answers().keySet()));
        assertTrue("too few answers " + what + ": " + answers(), total() > 50);
    }
}
