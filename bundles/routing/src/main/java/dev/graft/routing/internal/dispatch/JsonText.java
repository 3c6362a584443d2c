package dev.graft.routing.internal.dispatch;

import java.util.List;
import java.util.Map;

/** Writes the small JSON objects of Graft's error bodies: string and string-list members. */
final class JsonText {

    private JsonText() {}

    /** @return a JSON object of the members, in the map's order; a value is a String or a List of Strings */
    static String object(Map<String, ?> members) {
        StringBuilder json = new StringBuilder("{");
        members.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, name);
            json.append(':');
            if (value instanceof List<?> list) {
                json.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    string(json, String.valueOf(list.get(i)));
                }
                json.append(']');
            } else {
                string(json, String.valueOf(value));
            }
        });
        return json.append('}').toString();
    }

    /** @return {@code {"error":code,"message":message}} plus {@code "module"} when not null */
    static String error(String code, String message, String module) {
        return module == null
                ? object(ordered("error", code, "message", message))
                : object(ordered("error", code, "message", message, "module", module));
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
