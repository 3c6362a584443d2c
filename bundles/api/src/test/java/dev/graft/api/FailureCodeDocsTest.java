package dev.graft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/failures.md lists every failure code with the status the enum gives it, and no other. */
class FailureCodeDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(E_[A-Z_]+)` \\| (\\d+|—) \\|", Pattern.MULTILINE);

    @Test
    void theDocsListEveryCodeWithItsStatus() throws IOException {
        String docs = Files.readString(Path.of("../../docs/failures.md"));
        Matcher row = ROW.matcher(docs);
        List<String> documented = new java.util.ArrayList<>();
        while (row.find()) {
            FailureCode code = FailureCode.valueOf(row.group(1)); // a documented code that does not exist fails here
            String status = code.status() == 0 ? "—" : Integer.toString(code.status());
            assertEquals(status, row.group(2), code + " is documented with another status");
            documented.add(code.name());
        }
        assertEquals(Arrays.stream(FailureCode.values()).map(Enum::name).toList(), documented,
                "docs/failures.md must list every FailureCode, in the enum's order");
    }

    @Test
    void anErrorBodyIsJsonWithTheCodeAndTheMessage() {
        assertEquals("{\"error\":\"E_NO_ROUTE\",\"message\":\"no route for GET /a\\\"b\"}",
                FailureCode.E_NO_ROUTE.errorBody("no route for GET /a\"b"));
        assertTrue(Arrays.stream(FailureCode.values()).allMatch(c -> !c.meaning().isBlank()));
    }
}
