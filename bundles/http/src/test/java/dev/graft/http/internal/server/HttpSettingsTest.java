package dev.graft.http.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.FailureCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        HttpSettings settings = HttpSettings.read(name -> null);
        assertEquals("0.0.0.0", settings.host());
        assertEquals(8080, settings.port());
        assertEquals(4L * 1024 * 1024, settings.maxBodyBytes());
        assertEquals(16 * 1024, settings.maxHeaderBytes());
        assertEquals(10_000, settings.headerTimeoutMillis());
        assertTrue(settings.problems().isEmpty());
    }

    @Test
    void aBadValueIsReportedAndItsDefaultUsed() {
        Map<String, String> properties = Map.of(HttpSettings.MAX_BODY, "lots", HttpSettings.HEADER_TIMEOUT, "5",
                HttpSettings.HOST, " 127.0.0.1 ", HttpSettings.PORT, "9090");
        HttpSettings settings = HttpSettings.read(properties::get);
        assertEquals(HttpSettings.DEFAULT_MAX_BODY, settings.maxBodyBytes());
        assertEquals(HttpSettings.DEFAULT_HEADER_TIMEOUT, settings.headerTimeoutMillis());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(9090, settings.port());
        assertEquals(2, settings.problems().size(), settings.problems().toString());
        assertTrue(settings.problems().get(0).contains("graft.http.maxBodyBytes=lots is not a whole number"));
        assertTrue(settings.problems().get(1).contains("graft.http.headerTimeoutMillis=5 is outside 100..600000"));
    }

    @Test
    void theConnectionCapStaysBelowTheOpenFileLimit() {
        assertEquals(672, HttpSettings.defaultMaxConnections(1024));
        assertEquals(10_000, HttpSettings.defaultMaxConnections(1_048_576));
        assertEquals(10_000, HttpSettings.defaultMaxConnections(-1));
        long limit = HttpSettings.openFileLimit();
        if (limit > 0) { // a cap at the limit is refused
            HttpSettings settings = HttpSettings.read(Map.of(HttpSettings.MAX_CONNECTIONS, Long.toString(limit))::get);
            assertEquals(HttpSettings.defaultMaxConnections(limit), settings.maxConnections());
            assertTrue(settings.problems().get(0).contains("is not below the open-file limit"));
        }
    }

    @Test
    void jettysOwnErrorsAreJsonWithACode() {
        assertEquals(FailureCode.E_BODY_TOO_LARGE, JsonErrorHandler.codeFor(413));
        assertEquals(FailureCode.E_HEADERS_TOO_LARGE, JsonErrorHandler.codeFor(431));
        assertEquals(FailureCode.E_BAD_REQUEST, JsonErrorHandler.codeFor(400));
        assertEquals(FailureCode.E_INTERNAL, JsonErrorHandler.codeFor(500));
        assertEquals("{\"error\":\"E_BAD_REQUEST\",\"message\":\"Bad Chunk\"}", JsonErrorHandler.body(400, "Bad Chunk"));
    }
}
