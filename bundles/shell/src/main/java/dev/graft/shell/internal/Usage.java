package dev.graft.shell.internal;

import java.util.List;

/**
 * What a {@code graft:*} command accepts: the one source of its usage line, its help text and the
 * parsing of its arguments ({@link Arguments}).
 *
 * @param name the function name, e.g. {@code canary}
 * @param description what it does, one sentence
 * @param options its options, given anywhere among the operands
 * @param operands the operands as the usage line shows them, e.g. {@code <method> <path>}
 * @param minOperands how many operands at least
 * @param maxOperands how many operands at most; -1 for no limit
 * @param example a complete command line, or empty
 */
record Usage(String name, String description, List<Option> options, String operands, int minOperands,
        int maxOperands, String example) {

    /** An option with a value, e.g. {@code -k, --key HEADER}, or a flag ({@code value} null), e.g. {@code -n, --dry-run}. */
    record Option(String shortName, String longName, String value, String description) {

        String synopsis() {
            return "-" + shortName + ", --" + longName + (value == null ? "" : " " + value);
        }

        boolean isFlag() {
            return value == null;
        }
    }

    /** @return e.g. {@code graft:canary [-k HEADER] <module-or-route> [<version>=<weight> …]} */
    String line() {
        StringBuilder line = new StringBuilder(GogoCommand.GRAFT).append(':').append(name);
        options.forEach(o -> line.append(" [-").append(o.shortName()).append(o.isFlag() ? "" : " " + o.value()).append(']'));
        return operands.isEmpty() ? line.toString() : line.append(' ').append(operands).toString();
    }

    /** @return the usage line, the description, the options and the example, as {@code help <name>} shows them */
    String help() {
        String nl = System.lineSeparator();
        StringBuilder help = new StringBuilder("usage: ").append(line()).append(nl).append("  ").append(description);
        int width = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
        for (Option option : options) {
            help.append(nl).append("  ").append(String.format("%-" + width + "s", option.synopsis()))
                    .append("  ").append(option.description());
        }
        if (!example.isEmpty()) {
            help.append(nl).append("  e.g. ").append(example);
        }
        return help.toString();
    }

    /** @return a failure showing the reason (if any) and the usage line */
    CommandFailure wrong(String reason) {
        String usage = "usage: " + line();
        return new CommandFailure(reason == null ? usage : GogoCommand.GRAFT + ":" + name + ": " + reason
                + System.lineSeparator() + usage);
    }

    /** @return a failure naming this command, for an operation the router refused or could not do */
    CommandFailure refused(String message, Throwable cause) {
        return new CommandFailure(GogoCommand.GRAFT + ":" + name + ": " + message, cause);
    }
}
