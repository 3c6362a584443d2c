package dev.graft.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The limits at the edge of the distribution's HTTP server, as a client meets them: an oversized
 * body, a malformed one, oversized headers, a client that never finishes its request head. Each
 * ends in a JSON error or a closed connection, and Graft goes on serving.
 */
public class EdgeLimitsIT {

    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final long HEADER_TIMEOUT_MILLIS = 2000;
    private static final Duration START = Duration.ofSeconds(30);

    private static GraftProcess graft;
    private static Http http;

    @BeforeClass
    public static void startWithEchoAndAShortHeaderTimeout() throws Exception {
        graft = GraftProcess.fromDistribution();
        Files.writeString(graft.home().resolve("etc/config.properties"),
                "\ngraft.http.headerTimeoutMillis=" + HEADER_TIMEOUT_MILLIS + "\n", StandardOpenOption.APPEND);
        Files.copy(graft.home().resolve("examples/echo-1.0.0.jar"), graft.home().resolve("deploy/echo.jar"));
        graft.start();
        http = new Http(graft.port());
        long deadline = System.nanoTime() + START.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> echo = http.send("POST", "/echo", "ping");
                if (echo.statusCode() == 200 && echo.body().equals("ping")) {
                    return;
                }
                last = echo.statusCode() + " " + echo.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("POST /echo did not answer within " + START + "; last: " + last + "\n" + graft.console());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (graft != null) {
            graft.close();
        }
    }

    @Test
    public void aFiftyMegabyteBodyWithContentLengthIs413InJson() throws Exception {
        RawHttp.Answer answer = postFiftyMegabytes(false);
        assertJsonError(answer, 413, "E_BODY_TOO_LARGE");
        assertHelloStillServed();
    }

    @Test
    public void aFiftyMegabyteChunkedBodyIs413InJson() throws Exception {
        RawHttp.Answer answer = postFiftyMegabytes(true);
        assertJsonError(answer, 413, "E_BODY_TOO_LARGE");
        assertHelloStillServed();
    }

    @Test
    public void aMalformedChunkedBodyIs400InJsonAndNoErrorInTheLog() throws Exception {
        List<String> errorsBefore = errorLines();
        for (String body : List.of("zz\r\n", "zz\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX\r\n0\r\n\r\n")) {
            try (RawHttp raw = new RawHttp(graft.port())) {
                raw.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
                RawHttp.Answer answer = raw.answer();
                System.out.printf("malformed chunked body %s: %s%n", body.replace("\r\n", "\\r\\n"), answer);
                assertEquals(answer.toString(), 400, answer.status());
                assertEquals(answer.toString(), "application/json", answer.header("Content-Type"));
                assertTrue(answer.toString(), answer.body().matches("\\{\"error\":\"E_[A-Z_]+\",\"message\":.*"));
            }
        }
        assertHelloStillServed();
        Thread.sleep(500); // the log is written as entries arrive; give the last ones a moment
        List<String> errors = errorLines();
        errors.removeAll(errorsBefore);
        assertEquals("ERROR lines appeared:\n" + String.join("\n", errors), List.of(), errors);
    }

    @Test
    public void headersOverTheLimitAre431InJson() throws Exception {
        try (RawHttp raw = new RawHttp(graft.port())) {
            raw.send("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n");
            assertJsonError(raw.answer(), 431, "E_HEADERS_TOO_LARGE");
        }
        assertHelloStillServed();
    }

    @Test
    public void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
        try (RawHttp raw = new RawHttp(graft.port())) {
            assertClosedInTime(raw.awaitClosedByServer(Duration.ofSeconds(4), null), "sent nothing");
        }
        assertHelloStillServed();
    }

    @Test
    public void aRequestHeadTrickledAByteASecondIsClosedAfterTheHeaderTimeout() throws Exception {
        byte[] head = "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        try (RawHttp raw = new RawHttp(graft.port())) {
            assertClosedInTime(raw.awaitClosedByServer(Duration.ofSeconds(4), head), "sent a byte a second");
        }
        assertHelloStillServed();
    }

    /** Sends a 50 MB body on one thread, from a 64 KiB buffer, while this one reads the answer. */
    private static RawHttp.Answer postFiftyMegabytes(boolean chunked) throws Exception {
        try (RawHttp raw = new RawHttp(graft.port())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + FIFTY_MB + "\r\n") + "\r\n");
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream out = raw.out();
                    while (sent.get() < FIFTY_MB) {
                        if (chunked) {
                            out.write(chunkHead);
                        }
                        out.write(block);
                        if (chunked) {
                            out.write('\r');
                            out.write('\n');
                        }
                        sent.addAndGet(block.length);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException closed) {
                    // the server answered and closed, or the test did: the rest is not wanted
                }
            }, "fifty-megabytes");
            writer.start();
            RawHttp.Answer answer = raw.answer();
            long sentWhenAnswered = sent.get();
            raw.close();
            writer.join(10_000);
            System.out.printf("50 MB %s: %s after %d bytes of the body were sent%n",
                    chunked ? "chunked" : "with Content-Length", answer, sentWhenAnswered);
            assertTrue("the answer waited for the whole body (" + sentWhenAnswered + " bytes)", sentWhenAnswered < FIFTY_MB);
            return answer;
        }
    }

    private static void assertJsonError(RawHttp.Answer answer, int status, String code) {
        assertEquals(answer.toString(), status, answer.status());
        assertEquals(answer.toString(), "application/json", answer.header("Content-Type"));
        assertTrue(answer.toString(), answer.body().startsWith("{\"error\":\"" + code + "\",\"message\":"));
    }

    private static void assertClosedInTime(Duration closedAfter, String client) {
        assertNotNull("a client that " + client + " was still connected after 4 s", closedAfter);
        System.out.printf("a client that %s was disconnected after %d ms (header timeout %d ms)%n", client,
                closedAfter.toMillis(), HEADER_TIMEOUT_MILLIS);
        // not sooner than the header timeout allows, less a margin for the moment the server saw the connection open
        assertTrue("disconnected after only " + closedAfter.toMillis() + " ms",
                closedAfter.toMillis() >= HEADER_TIMEOUT_MILLIS - 500);
    }

    private static void assertHelloStillServed() throws Exception {
        HttpResponse<String> hello = http.get("/hello");
        assertEquals(hello.body(), 200, hello.statusCode());
        assertEquals("hello from 1.0.0", hello.body());
    }

    private static List<String> errorLines() throws IOException {
        Path log = graft.home().resolve("data/log/graft.log");
        String text = (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "") + graft.console();
        return text.lines().filter(line -> line.contains("ERROR")).collect(Collectors.toList());
    }
}
