package dev.graft.shell.internal.console;

import dev.graft.log.console.ConsoleOutput;
import java.io.IOError;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jline.reader.LineReader;

/**
 * Prints log lines above the prompt of the console's line reader: JLine clears the prompt line,
 * prints the text and redraws the prompt with what was typed so far; while a command runs (no
 * prompt), the line is simply printed.
 *
 * <p>A shell started from the console ({@code sh}) has its own reader, attached after the first:
 * the newest reader that is reading gets the line, else the newest.
 */
final class AbovePrompt implements ConsoleOutput {

    private final List<LineReader> readers = new CopyOnWriteArrayList<>(); // newest first

    void attach(Object reader) {
        LineReader lineReader = (LineReader) reader;
        if (!readers.contains(lineReader)) {
            readers.add(0, lineReader);
        }
    }

    @Override
    public void println(String line) {
        LineReader target = readers.stream().filter(LineReader::isReading).findFirst().orElse(readers.get(0));
        try {
            target.printAbove(line);
        } catch (IOError e) {
            // the terminal is closing; the log writer prints the line to standard output instead
            throw new IllegalStateException("the console's terminal is closed", e);
        }
    }
}
