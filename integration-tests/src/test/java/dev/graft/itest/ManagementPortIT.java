package dev.graft.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@code graft.management.port}: /metrics and /health/* move off the main port, onto their own. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementPortIT extends GraftTestSupport {

    // the driver picks it; the probe inside the framework reads it back from the framework property
    private static final int MANAGEMENT_PORT = freeManagementPort();

    @Configuration
    @Override
    public Option[] config() throws IOException {
        Option[] options = super.config();
        Option[] more = Arrays.copyOf(options, options.length + 1);
        more[options.length] = frameworkProperty("graft.management.port").value(Integer.toString(MANAGEMENT_PORT));
        return more;
    }

    private static int freeManagementPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> management(String path) throws Exception {
        int port = Integer.parseInt(context.getProperty("graft.management.port"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void theEndpointsAreServedOnTheManagementPortOnly() throws Exception {
        http().await("/hello", r -> r.statusCode() == 200, Duration.ofSeconds(15));
        assertEquals(200, http().get("/hello").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> ready;
        do {
            ready = management("/health/ready");
        } while (ready.statusCode() != 200 && System.nanoTime() < deadline && sleep());
        assertEquals(ready.body(), 200, ready.statusCode());
        HttpResponse<String> metrics = management("/metrics");
        assertEquals(200, metrics.statusCode());
        Exposition exposition = Exposition.parse(metrics.body());
        assertTrue(exposition.value("graft_http_requests_total", "route", "/hello", "version", "1.0.0") >= 1);
        assertEquals(200, management("/health/live").statusCode());
        assertEquals(405, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + context.getProperty("graft.management.port") + "/metrics")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        // the main port no longer serves them: the router's own 404
        for (String path : new String[] {"/metrics", "/health/ready", "/health/live"}) {
            HttpResponse<String> main = http().get(path);
            assertEquals(path, 404, main.statusCode());
            assertTrue(main.body(), main.body().contains("E_NO_ROUTE"));
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }
}
