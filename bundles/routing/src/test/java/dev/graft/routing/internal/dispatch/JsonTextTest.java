package dev.graft.routing.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.api.FailureCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void escapesWhatJsonRequires() {
        assertEquals("{\"error\":\"E_ROUTE_FAILED\",\"message\":\"a \\\"quoted\\\" \\\\ line\\nnext\\u0001\"}",
                JsonText.error(FailureCode.E_ROUTE_FAILED, "a \"quoted\" \\ line\nnext\u0001", null));
    }

    @Test
    void namesTheModuleAndListsVersions() {
        assertEquals("{\"error\":\"E_ROUTE_FAILED\",\"message\":\"m\",\"module\":\"a/1.0.0\"}",
                JsonText.error(FailureCode.E_ROUTE_FAILED, "m", "a/1.0.0"));
        assertEquals("{\"error\":\"E_NO_SUCH_VERSION\",\"message\":\"none\",\"versions\":[\"2.0.0\",\"1.0.0\"]}",
                JsonText.noSuchVersion("none", List.of("2.0.0", "1.0.0")));
    }
}
