package dev.graft.launcher.internal;

import dev.graft.launcher.LaunchException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Framework properties: {@code etc/config.properties} of the home folder, then the caller's own.
 * {@code ${name}} in a value is replaced by another property, a system property or, for
 * {@code ${graft.home}}, the home folder.
 */
public final class FrameworkConfig {

    private FrameworkConfig() {}

    public static Map<String, String> load(Path home, Map<String, String> overrides) throws LaunchException {
        Map<String, String> raw = new HashMap<>();
        Path file = home.resolve("etc").resolve("config.properties");
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new LaunchException("cannot read " + file + ": " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(name -> raw.put(name, properties.getProperty(name)));
        }
        raw.putAll(overrides);
        raw.put("graft.home", home.toString());
        Map<String, String> resolved = new HashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            resolved.put(entry.getKey(), substitute(entry.getValue(), raw, 0));
        }
        return resolved;
    }

    static String substitute(String value, Map<String, String> properties, int depth) throws LaunchException {
        if (depth > 10) {
            throw new LaunchException("a property refers to itself: " + value);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int start;
        while ((start = value.indexOf("${", from)) >= 0) {
            int end = value.indexOf('}', start);
            if (end < 0) {
                break;
            }
            String name = value.substring(start + 2, end);
            String replacement = properties.containsKey(name) ? properties.get(name) : System.getProperty(name, "");
            out.append(value, from, start).append(substitute(replacement, properties, depth + 1));
            from = end + 1;
        }
        return out.append(value.substring(from)).toString();
    }
}
