package dev.graft.nativebridge.internal.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code Graft-NativeLibrary}: comma-separated clauses {@code name;key=value;key="value"}
 * (quotes keep commas and semicolons inside a value).
 */
public final class LibraryHeader {

    /** One clause: the library's name and its attributes. */
    public record Clause(String name, Map<String, String> attributes) {}

    private LibraryHeader() {}

    /** @throws IllegalArgumentException naming the clause that is malformed */
    public static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            String name = parts.get(0).trim();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("'" + clause.trim() + "' does not start with a library name (letters,"
                        + " digits, '.', '_', '-')");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String part : parts.subList(1, parts.size())) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("'" + part.trim() + "' in the clause of " + name + " is not key=value");
                }
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                attributes.put(part.substring(0, eq).trim(), value);
            }
            clauses.add(new Clause(name, attributes));
        }
        return clauses;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        parts.removeIf(p -> p.isBlank());
        return parts;
    }
}
