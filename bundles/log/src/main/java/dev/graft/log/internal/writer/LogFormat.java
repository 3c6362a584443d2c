package dev.graft.log.internal.writer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.log.LogEntry;

/** Formats one log entry as one line (plus a stack trace, if any). */
final class LogFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private LogFormat() {}

    static String format(LogEntry entry) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(Instant.ofEpochMilli(entry.getTime())))
                .append(' ')
                .append(String.format("%-5s", entry.getLogLevel()))
                .append(" [")
                .append(origin(entry))
                .append("] ")
                .append(entry.getMessage());
        Throwable failure = entry.getException();
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.toString();
    }

    /**
     * {@code bsn:version}, followed by the logger name when it is not the bundle's own; for SLF4J
     * callers (logged through this bundle) the full logger name alone, e.g. {@code org.eclipse.jetty.server.Server}.
     */
    private static String origin(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        if (bundle != null && bundle.equals(FrameworkUtil.getBundle(LogFormat.class)) && entry.getLoggerName() != null) {
            return entry.getLoggerName();
        }
        String who = bundle == null || bundle.getSymbolicName() == null
                ? "?"
                : bundle.getSymbolicName() + ":" + bundle.getVersion();
        String logger = entry.getLoggerName();
        if (logger == null || logger.equals(bundle == null ? null : bundle.getSymbolicName())
                || logger.equals("LogService") || logger.equals("ROOT")) {
            return who;
        }
        return who + " " + shorten(logger);
    }

    private static String shorten(String logger) {
        int lastDot = logger.lastIndexOf('.');
        return lastDot < 0 || logger.startsWith("Events.") ? logger : logger.substring(lastDot + 1);
    }
}
