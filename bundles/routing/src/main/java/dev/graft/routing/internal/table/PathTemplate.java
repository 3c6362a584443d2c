package dev.graft.routing.internal.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed path template such as {@code /users/{id}/orders}: literal segments and named
 * parameters, each parameter matching exactly one non-empty segment.
 */
public final class PathTemplate {

    private final String text;
    private final List<String> segments; // a parameter is kept as "{name}"

    private PathTemplate(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * @param template the template as a module wrote it
     * @return the parsed template
     * @throws IllegalArgumentException with a message a module author understands
     */
    public static PathTemplate parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("the path template is missing");
        }
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template '" + template + "' must start with '/'");
        }
        List<String> segments = splitPath(template);
        List<String> names = new ArrayList<>();
        for (String segment : segments) {
            boolean open = segment.startsWith("{");
            boolean close = segment.endsWith("}");
            if (open != close || (!open && (segment.contains("{") || segment.contains("}")))) {
                throw new IllegalArgumentException("path template '" + template
                        + "': segment '" + segment + "' must be a literal or a whole {name}");
            }
            if (open) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("path template '" + template + "' has an empty parameter name");
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException("path template '" + template + "' names parameter '" + name + "' twice");
                }
                names.add(name);
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    /** Splits a path into its non-empty segments: {@code /a//b/} gives {@code [a, b]}. */
    public static List<String> splitPath(String path) {
        List<String> result = new ArrayList<>();
        int start = 0;
        int length = path.length();
        while (start < length) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            if (end > start) {
                result.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return result;
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    List<String> segments() {
        return segments;
    }

    /** The template with parameter names dropped: {@code /users/{}}; two templates with the same shape clash. */
    public String shape() {
        StringBuilder shape = new StringBuilder();
        for (String segment : segments) {
            shape.append('/').append(isParameter(segment) ? "{}" : segment);
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    /** The parameter values of a path already known to match this template's shape. */
    public Map<String, String> parameters(List<String> pathSegments) {
        Map<String, String> values = null;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isParameter(segment)) {
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(segment.substring(1, segment.length() - 1), pathSegments.get(i));
            }
        }
        return values == null ? Map.of() : Collections.unmodifiableMap(values);
    }

    /** @return true if a path of these segments has this template's shape (literals equal, as many segments) */
    public boolean matches(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!isParameter(segment) && !segment.equals(pathSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
