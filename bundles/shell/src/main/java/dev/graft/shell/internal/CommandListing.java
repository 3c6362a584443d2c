package dev.graft.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The command list {@code help} prints: Graft's commands, each with what it does, then the standard
 * ones by scope. Functions whose names begin with {@code _} ({@code gogo:__files} and the like) are
 * the shell's own plumbing (completion, {@code graft:__console}); they are not listed.
 */
final class CommandListing {

    private static final int WIDTH = 100;

    private CommandListing() {}

    /**
     * @param commands every registered command: scope to function names
     * @param graft what Graft's commands do, by function name
     * @param exitHint whether to say how to leave the shell (the profile defines {@code exit})
     */
    static String format(Map<String, Set<String>> commands, List<Usage> graft, boolean exitHint) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder("Graft:");
        Set<String> graftNames = new TreeSet<>(commands.getOrDefault(GogoCommand.GRAFT, Set.of()));
        graftNames.removeIf(CommandListing::isPlumbing);
        int width = graftNames.stream().mapToInt(String::length).max().orElse(0) + GogoCommand.GRAFT.length() + 1;
        for (String name : graftNames) {
            Optional<Usage> usage = graft.stream().filter(u -> u.name().equals(name)).findFirst();
            out.append(nl).append("  ").append(String.format("%-" + width + "s", GogoCommand.GRAFT + ":" + name))
                    .append("  ").append(usage.map(CommandListing::summary).orElse(""));
            stripTrailing(out);
        }
        out.append(nl).append(nl).append("Standard commands, by scope:");
        Map<String, Set<String>> standard = new TreeMap<>();
        commands.forEach((scope, names) -> {
            if (!scope.equals(GogoCommand.GRAFT)) {
                names.stream().filter(n -> !isPlumbing(n))
                        .forEach(n -> standard.computeIfAbsent(scope, s -> new TreeSet<>()).add(n));
            }
        });
        int scopeWidth = standard.keySet().stream().mapToInt(String::length).max().orElse(0);
        standard.forEach((scope, names) -> {
            String indent = " ".repeat(2 + scopeWidth + 2);
            StringBuilder line = new StringBuilder("  ").append(String.format("%-" + scopeWidth + "s", scope)).append(' ');
            for (String name : names) {
                if (line.length() + 1 + name.length() > WIDTH && line.length() > indent.length()) {
                    out.append(nl).append(line);
                    line = new StringBuilder(indent.substring(1));
                }
                line.append(' ').append(name);
            }
            out.append(nl).append(line);
        });
        out.append(nl).append(nl).append("help <command> describes one, e.g. help canary.");
        if (exitHint) {
            out.append(" exit (or Ctrl-D) stops Graft; Ctrl-C cancels the line being typed.");
        }
        return out.toString();
    }

    /** @return what a command does, up to the first ';' or ':' of its description */
    static String summary(Usage usage) {
        String text = usage.description();
        int end = text.length();
        for (char stop : new char[] {';', ':'}) {
            int at = text.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }

    private static boolean isPlumbing(String function) {
        return function.startsWith("_");
    }

    private static void stripTrailing(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
