package dev.graft.log.internal.writer;

import dev.graft.log.console.ConsoleOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Writes every entry of the OSGi Log Service (Graft's bundles, the framework's events, SCR,
 * Jetty through SLF4J) to the console and to {@code <graft.home>/data/log/graft.log}. While an
 * interactive console registers a {@link ConsoleOutput}, console lines go to it (above its prompt)
 * instead of straight to standard output.
 */
@Component(immediate = true, configurationPid = LogWriterConfig.PID)
@Designate(ocd = LogWriterConfig.class)
public class LogWriter implements LogListener {

    /** Framework property: the folder for graft.log; default {@code <graft.home>/data/log}. */
    public static final String LOG_DIR = "graft.log.dir";

    private final LogReaderService reader;
    private final Path logDir;
    private final PrintStream console;
    private volatile LogLevel consoleLevel;
    private volatile LogLevel fileLevel;
    private volatile RollingFile file;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConsoleOutput consoleOutput;

    @Activate
    public LogWriter(BundleContext context, LogWriterConfig config, @Reference LogReaderService reader) {
        this(reader, logDir(context), System.out, config);
    }

    LogWriter(LogReaderService reader, Path logDir, PrintStream console, LogWriterConfig config) {
        this.reader = reader;
        this.logDir = logDir;
        this.console = console;
        update(config);
        // listen first, then replay what came before: an entry logged in between is written once
        reader.addLogListener(this);
        replayRecentEntries();
    }

    @Modified
    void update(LogWriterConfig config) {
        consoleLevel = level(config.console_level(), LogLevel.INFO);
        fileLevel = level(config.file_level(), LogLevel.INFO);
        RollingFile previous = file;
        file = openFile(config);
        closeQuietly(previous);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        RollingFile last = file;
        file = null;
        closeQuietly(last);
    }

    // sequences of entries written live while the replay had not finished; null once it has
    private Set<Long> liveBeforeReplay = new HashSet<>();

    @Override
    public void logged(LogEntry entry) {
        synchronized (this) {
            if (liveBeforeReplay != null) {
                liveBeforeReplay.add(entry.getSequence());
            }
        }
        write(entry);
    }

    private void write(LogEntry entry) {
        boolean toConsole = accepts(entry, consoleLevel, true);
        RollingFile target = file;
        boolean toFile = target != null && accepts(entry, fileLevel, false);
        if (!toConsole && !toFile) {
            return;
        }
        String line = LogFormat.format(entry);
        if (toConsole) {
            printToConsole(line);
        }
        if (toFile) {
            writeToFile(target, line);
        }
    }

    private void writeToFile(RollingFile target, String line) {
        try {
            if (!target.write(line)) {
                // closed as the line was on its way: by a new configuration (the line belongs in the
                // file that replaced it) or as the writer stops (dropped quietly)
                RollingFile now = file;
                if (now != null && now != target) {
                    writeToFile(now, line);
                }
            }
        } catch (IOException e) {
            printToConsole("graft: cannot write the log file: " + e.getMessage());
        }
    }

    private void printToConsole(String line) {
        ConsoleOutput output = consoleOutput; // copy: the console may go meanwhile
        if (output != null) {
            try {
                output.println(line);
                return;
            } catch (RuntimeException e) {
                // a console closing as the line arrived: standard output still reaches the terminal
            }
        }
        console.println(line);
    }

    /** Framework events (bundle started, service registered …) reach the console only as warnings. */
    static boolean accepts(LogEntry entry, LogLevel threshold, boolean console) {
        String logger = entry.getLoggerName();
        LogLevel effective = console && logger != null && logger.startsWith("Events.")
                && threshold.implies(LogLevel.WARN) ? LogLevel.WARN : threshold;
        return effective.implies(entry.getLogLevel());
    }

    // entries logged before this component started (framework start-up errors among them), if the Log
    // Service keeps a history: Graft's distribution turns it off (org.apache.felix.log.maxSize=0 in
    // etc/config.properties) because the history keeps retired modules' class loaders in memory
    private void replayRecentEntries() {
        Enumeration<LogEntry> recent = reader.getLog();
        List<LogEntry> entries = new ArrayList<>(Collections.list(recent));
        Collections.reverse(entries); // getLog() lists the newest first
        Set<Long> written;
        synchronized (this) {
            written = liveBeforeReplay;
            liveBeforeReplay = null;
        }
        for (LogEntry entry : entries) {
            if (!written.contains(entry.getSequence())) {
                write(entry);
            }
        }
    }

    private RollingFile openFile(LogWriterConfig config) {
        if (logDir == null) {
            return null;
        }
        try {
            return new RollingFile(logDir.resolve("graft.log"), config.file_max_bytes(), config.file_count());
        } catch (IOException e) {
            printToConsole("graft: ignoring the log file " + logDir.resolve("graft.log") + ": " + e);
            return null;
        }
    }

    private static LogLevel level(String name, LogLevel fallback) {
        try {
            return LogLevel.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return fallback;
        }
    }

    private static Path logDir(BundleContext context) {
        String dir = context.getProperty(LOG_DIR);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String home = context.getProperty("graft.home");
        return home == null || home.isBlank() ? null : Path.of(home, "data", "log");
    }

    private static void closeQuietly(RollingFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // nothing more can be logged about the log file itself
            }
        }
    }
}
