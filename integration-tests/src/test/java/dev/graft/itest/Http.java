package dev.graft.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/** A small HTTP client for the tests: what a user's curl would see. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** @param headers name, value, name, value … */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    /** Sends {@code GET path} on another thread, for tests that act while a request is in progress. */
    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return get(path);
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls {@code GET path} until the response satisfies the condition.
     *
     * @param headers name, value … sent with each request
     * @return the satisfying response
     * @throws AssertionError naming the last response if the time runs out
     */
    public HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition, Duration timeout,
            String... headers) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get(path, headers);
                if (condition.test(response)) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " did not answer as expected within " + timeout.toMillis()
                + " ms; last answer: " + last);
    }

    public static Predicate<HttpResponse<String>> status(int code) {
        return r -> r.statusCode() == code;
    }

    public static Predicate<HttpResponse<String>> body(String text) {
        return r -> r.statusCode() == 200 && text.equals(r.body());
    }
}
