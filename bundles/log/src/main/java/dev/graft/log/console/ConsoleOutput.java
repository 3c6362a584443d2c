package dev.graft.log.console;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the log writer prints its console lines while an interactive console shares the terminal.
 *
 * <p>Without this service the log writer prints to standard output, which is right until a console
 * shows a prompt: a line printed then lands after the prompt and what is being typed. A console
 * that registers this service receives each line instead and prints it above its prompt, then
 * redraws the prompt and the typed text (Graft's shell does so with JLine's
 * {@code LineReader.printAbove}). This interface is the whole coupling: the log bundle knows no
 * console, the console knows no log internals.
 *
 * <p>At most one is used: the one with the highest service ranking. If it throws, the line goes to
 * standard output. Implemented by a console; called from any thread, one line at a time.
 *
 * @since 1.0
 */
@ConsumerType
public interface ConsoleOutput {

    /**
     * Prints one log line above the prompt.
     *
     * @param line the formatted entry; a stack trace follows on further lines, without a final line break
     */
    void println(String line);
}
