package dev.graft.metrics.internal.registry;

import dev.graft.api.metrics.SampleDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads the sample lines of the Prometheus text format 0.0.4 back (for the shell's table). */
final class TextSamples {

    private TextSamples() {}

    static List<SampleDTO> parse(String text) {
        List<SampleDTO> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            SampleDTO sample = new SampleDTO();
            sample.labels = new TreeMap<>();
            int brace = line.indexOf('{');
            int space;
            if (brace >= 0 && brace < line.indexOf(' ')) {
                sample.name = line.substring(0, brace);
                int i = brace + 1;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String name = line.substring(i, eq).trim();
                    StringBuilder value = new StringBuilder();
                    int j = eq + 2; // past ="
                    while (line.charAt(j) != '"') {
                        char c = line.charAt(j++);
                        if (c == '\\') {
                            char next = line.charAt(j++);
                            value.append(next == 'n' ? '\n' : next);
                        } else {
                            value.append(c);
                        }
                    }
                    sample.labels.put(name, value.toString());
                    i = j + 1;
                    if (line.charAt(i) == ',') {
                        i++;
                    }
                }
                space = i + 1;
            } else {
                space = line.indexOf(' ');
                sample.name = line.substring(0, space);
            }
            String rest = line.substring(space).trim();
            int end = rest.indexOf(' ');
            String value = end < 0 ? rest : rest.substring(0, end);
            sample.value = switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            };
            samples.add(sample);
        }
        return samples;
    }
}
