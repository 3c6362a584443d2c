package dev.graft.metrics.internal.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The endpoints on a separate management port, on the JDK's own HTTP server ({@code jdk.httpserver},
 * a supported JDK API): a port a firewall can keep private, apart from the data plane.
 */
final class ManagementServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    ManagementServer(String host, int port, Endpoints endpoints) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        threads = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "graft-management-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                Endpoints.Answer answer = endpoints.answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Accept"));
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                boolean head = "HEAD".equals(exchange.getRequestMethod());
                exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length == 0 ? -1 : answer.body().length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
