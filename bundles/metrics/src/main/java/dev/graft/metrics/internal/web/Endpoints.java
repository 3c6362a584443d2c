package dev.graft.metrics.internal.web;

import dev.graft.api.FailureCode;
import dev.graft.api.health.HealthReportDTO;
import dev.graft.api.health.HealthService;
import dev.graft.metrics.internal.registry.GraftRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What {@code /metrics}, {@code /health/live} and {@code /health/ready} answer, independent of
 * the server that carries them (the Servlet Whiteboard on the main port, or the management port).
 */
public final class Endpoints {

    /** An answer: status, content type, body. */
    public record Answer(int status, String contentType, byte[] body) {
        static Answer json(int status, String json) {
            return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final GraftRegistry registry;
    private final HealthService health;

    public Endpoints(GraftRegistry registry, HealthService health) {
        this.registry = registry;
        this.health = health;
    }

    /**
     * @param method the request method
     * @param path the request path, e.g. {@code /health/ready}
     * @param accept the {@code Accept} header, or null
     */
    public Answer answer(String method, String path, String accept) throws IOException {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Answer.json(405, Json.error(FailureCode.E_METHOD_NOT_ALLOWED.name(), method + " " + path
                    + " is not allowed; use GET"));
        }
        switch (path) {
            case "/metrics" -> {
                ExpositionFormatWriter writer = registry.writer(accept);
                ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
                registry.write(writer, out);
                return new Answer(200, writer.getContentType(), out.toByteArray());
            }
            case "/health/live" -> {
                return Answer.json(health.live() ? 200 : 503, Json.live());
            }
            case "/health/ready", "/health" -> {
                HealthReportDTO report = health.ready();
                return Answer.json(report.ready ? 200 : 503, Json.report(report));
            }
            default -> {
                return Answer.json(404, Json.error(FailureCode.E_NO_ROUTE.name(), "nothing at " + path
                        + "; try /metrics, /health/live or /health/ready"));
            }
        }
    }
}
