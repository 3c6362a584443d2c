package dev.graft.routing.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void escapesWhatJsonRequires() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("error", "E_X");
        members.put("message", "a \"quoted\" \\ line\nnext\u0001");
        assertEquals("{\"error\":\"E_X\",\"message\":\"a \\\"quoted\\\" \\\\ line\\nnext\\u0001\"}", JsonText.object(members));
    }
}
