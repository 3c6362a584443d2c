package dev.graft.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments parsed against its {@link Usage}. Each {@code graft:*} function takes its
 * arguments as {@code String...} and parses them here, so that Gogo calls it whatever was typed and
 * wrong arguments get the usage line instead of Gogo's "Cannot coerce" exception.
 */
final class Arguments {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> operands = new ArrayList<>();
    private Usage usage;
    private boolean help;

    private Arguments() {}

    /**
     * @param args as Gogo passes them; {@code null} (an unset variable) counts as nothing
     * @throws CommandFailure with the usage line for an unknown option, an option without its
     *     value, or too few or too many operands
     */
    static Arguments parse(Usage usage, String... args) {
        Arguments parsed = new Arguments();
        parsed.usage = usage;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) {
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                parsed.help = true;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                Usage.Option option = usage.options().stream()
                        .filter(o -> arg.equals("-" + o.shortName()) || arg.equals("--" + o.longName())
                                || arg.startsWith("--" + o.longName() + "="))
                        .findFirst()
                        .orElseThrow(() -> usage.wrong("unknown option " + arg));
                int eq = arg.indexOf('=');
                if (option.isFlag()) {
                    parsed.options.put(option.longName(), "true");
                } else if (eq > 0) {
                    parsed.options.put(option.longName(), arg.substring(eq + 1));
                } else if (i + 1 < args.length && args[i + 1] != null) {
                    parsed.options.put(option.longName(), args[++i]);
                } else {
                    throw usage.wrong(arg + " needs a value (" + option.value() + ")");
                }
            } else {
                parsed.operands.add(arg);
            }
        }
        if (parsed.help) {
            return parsed;
        }
        if (parsed.operands.size() < usage.minOperands()) {
            throw usage.wrong(null);
        }
        if (usage.maxOperands() >= 0 && parsed.operands.size() > usage.maxOperands()) {
            throw usage.wrong("unexpected argument '" + parsed.operands.get(usage.maxOperands()) + "'");
        }
        return parsed;
    }

    /** @return whether {@code -h} or {@code --help} was given: the command shows its help and does nothing else */
    boolean helpRequested() {
        return help;
    }

    /** @return whether a flag was given, by its long name */
    boolean flag(String longName) {
        return options.containsKey(longName);
    }

    /** @return the option's value, by its long name, or {@code absent} */
    String option(String longName, String absent) {
        return options.getOrDefault(longName, absent);
    }

    List<String> operands() {
        return operands;
    }

    /**
     * The operands from {@code from} on, each {@code <Header>=<value>}, as request headers (in order).
     *
     * @param example one such operand, shown when one is malformed
     * @throws CommandFailure with the usage line for an operand that is not {@code <Header>=<value>}
     */
    Map<String, String> headers(int from, String example) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : operands.subList(Math.min(from, operands.size()), operands.size())) {
            int eq = header.indexOf('=');
            if (eq <= 0) {
                throw usage.wrong("'" + header + "' is not <Header>=<value> (e.g. " + example + ")");
            }
            headers.put(header.substring(0, eq), header.substring(eq + 1));
        }
        return headers;
    }
}
