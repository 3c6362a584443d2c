package dev.graft.itest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, written from the format's
 * specification for the tests: every line is a {@code # HELP}, a {@code # TYPE} or a sample with a
 * valid metric name, valid label names, correctly escaped label values and a float value; a
 * family's {@code TYPE} comes before its samples and appears once; a family's samples are
 * contiguous; no series appears twice; a histogram's buckets are cumulative (never decreasing with
 * {@code le}), end with {@code le="+Inf"}, and that bucket equals {@code _count}; counters are
 * never negative. Anything else fails with the line.
 */
final class Exposition {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("[+-]?(?:Inf|NaN|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {}

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new HashMap<>();

    static Exposition parse(String text) {
        Exposition exposition = new Exposition();
        exposition.read(text);
        exposition.checkHistograms();
        return exposition;
    }

    private void read(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        Set<String> finished = new HashSet<>();
        Set<String> helped = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue; // the last split element; the format allows empty lines too
            }
            String where = "line " + number + ": " + line;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String family = parts[2];
                    check(NAME.matcher(family).matches(), "invalid metric name", where);
                    if (!family.equals(current)) {
                        check(!finished.contains(family), "family appears twice (not contiguous)", where);
                        if (current != null) {
                            finished.add(current);
                        }
                        current = family;
                    }
                    if (parts[1].equals("TYPE")) {
                        check(parts.length == 4 && TYPES.contains(parts[3]), "unknown type", where);
                        check(types.put(family, parts[3]) == null, "a second TYPE", where);
                    } else {
                        check(helped.add(family), "a second HELP", where);
                    }
                }
                continue; // other comments are allowed
            }
            Sample sample = sample(line, where);
            String family = familyOf(sample.name());
            check(types.containsKey(family), "a sample before its family's TYPE (family " + family + ")", where);
            check(family.equals(current), "a sample outside its family's block", where);
            check(series.add(sample.name() + sample.labels()), "the same series twice", where);
            if (types.get(family).equals("counter")) {
                check(sample.value() >= 0, "a negative counter", where);
            }
            samples.add(sample);
        }
    }

    private String familyOf(String name) {
        for (String suffix : List.of("_total", "_created", "_bucket", "_count", "_sum")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return name;
    }

    private static Sample sample(String line, String where) {
        Matcher name = NAME.matcher(line);
        check(name.lookingAt(), "no metric name", where);
        int i = name.end();
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                Matcher label = LABEL_NAME.matcher(line).region(i, line.length());
                check(label.lookingAt(), "invalid label name", where);
                String labelName = label.group();
                i = label.end();
                check(line.startsWith("=\"", i), "a label without =\"", where);
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char escaped = line.charAt(i++);
                        check(escaped == '\\' || escaped == '"' || escaped == 'n', "an invalid escape", where);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                i++;
                check(labels.put(labelName, value.toString()) == null, "a label twice", where);
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    check(line.charAt(i) == '}', "labels not separated by ,", where);
                }
            }
            i++;
        }
        check(i < line.length() && line.charAt(i) == ' ', "no space before the value", where);
        String[] rest = line.substring(i + 1).split(" ");
        check(rest.length == 1 || rest.length == 2, "more than a value and a timestamp", where);
        check(VALUE.matcher(rest[0]).matches(), "an invalid value", where);
        if (rest.length == 2) {
            check(rest[1].matches("-?\\d+"), "an invalid timestamp", where);
        }
        double value = switch (rest[0]) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(rest[0]);
        };
        return new Sample(name.group(), labels, value);
    }

    private void checkHistograms() {
        for (Map.Entry<String, String> type : types.entrySet()) {
            if (!type.getValue().equals("histogram")) {
                continue;
            }
            String family = type.getKey();
            Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
            Map<Map<String, String>, Double> counts = new HashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family + "_bucket")) {
                    Map<String, String> series = new TreeMap<>(s.labels());
                    check(series.remove("le") != null, "a bucket without le", family);
                    buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
                } else if (s.name().equals(family + "_count")) {
                    counts.put(s.labels(), s.value());
                }
            }
            for (var entry : buckets.entrySet()) {
                double previousLe = Double.NEGATIVE_INFINITY;
                double previousCount = 0;
                List<Sample> list = entry.getValue();
                for (Sample bucket : list) {
                    String le = bucket.labels().get("le");
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    check(bound > previousLe, "buckets not in increasing le order", family + entry.getKey());
                    check(bucket.value() >= previousCount, "buckets not cumulative at le=" + le, family + entry.getKey());
                    previousLe = bound;
                    previousCount = bucket.value();
                }
                check(list.get(list.size() - 1).labels().get("le").equals("+Inf"), "no le=\"+Inf\" bucket", family + entry.getKey());
                Double count = counts.get(entry.getKey());
                check(count != null && count == previousCount, "_count " + count + " is not the +Inf bucket "
                        + previousCount, family + entry.getKey());
            }
        }
    }

    /** @return the value of the one sample with this name and these labels (others may exist), or 0 if none */
    double value(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** @return the samples of this name that carry all these labels (name, value, …) */
    List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        outer:
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    continue outer;
                }
            }
            found.add(s);
        }
        return found;
    }

    private static void check(boolean ok, String problem, String where) {
        if (!ok) {
            throw new AssertionError("not valid exposition format: " + problem + " (" + where + ")");
        }
    }
}
