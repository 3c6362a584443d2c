package dev.graft.log.internal.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;

class LogWriterTest {

    @TempDir
    Path logDir;

    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    private final LogReaderService reader = mock(LogReaderService.class);

    private static LogWriterConfig config(String consoleLevel, long maxBytes) {
        LogWriterConfig config = mock(LogWriterConfig.class);
        when(config.console_level()).thenReturn(consoleLevel);
        when(config.file_level()).thenReturn("INFO");
        when(config.file_max_bytes()).thenReturn(maxBytes);
        when(config.file_count()).thenReturn(2);
        return config;
    }

    private static LogEntry entry(LogLevel level, String logger, String message) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn("dev.graft.routing");
        when(bundle.getVersion()).thenReturn(Version.parseVersion("1.2.3"));
        LogEntry entry = mock(LogEntry.class);
        when(entry.getLogLevel()).thenReturn(level);
        when(entry.getLoggerName()).thenReturn(logger);
        when(entry.getMessage()).thenReturn(message);
        when(entry.getBundle()).thenReturn(bundle);
        when(entry.getTime()).thenReturn(0L);
        return entry;
    }

    @Test
    void writesEntriesToConsoleAndFileNamingTheModule() throws Exception {
        LogEntry early = entry(LogLevel.ERROR, "x.Early", "before start");
        when(reader.getLog()).thenReturn(Collections.enumeration(List.of(early)));
        LogWriter writer = new LogWriter(reader, logDir, console, config("INFO", 1_000_000));
        verify(reader).addLogListener(writer);

        writer.logged(entry(LogLevel.INFO, "dev.graft.routing.internal.RouteRegistry", "route added"));
        writer.logged(entry(LogLevel.DEBUG, "dev.graft.routing", "too fine"));

        String out = consoleBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("ERROR [dev.graft.routing:1.2.3 Early] before start"), out);
        assertTrue(out.contains("INFO  [dev.graft.routing:1.2.3 RouteRegistry] route added"), out);
        assertTrue(!out.contains("too fine"), out);
        String file = Files.readString(logDir.resolve("graft.log"));
        assertTrue(file.contains("route added") && file.contains("before start"), file);
    }

    @Test
    void anEntryLoggedWhileTheWriterStartsIsWrittenOnce() throws Exception {
        LogEntry older = entry(LogLevel.WARN, "x.Early", "before the listener");
        when(older.getSequence()).thenReturn(4L);
        LogEntry racing = entry(LogLevel.WARN, "x.Early", "while starting");
        when(racing.getSequence()).thenReturn(5L);
        doAnswer(call -> {
            ((org.osgi.service.log.LogListener) call.getArgument(0)).logged(racing); // delivered live
            return null;
        }).when(reader).addLogListener(any());
        when(reader.getLog()).thenReturn(Collections.enumeration(List.of(racing, older))); // and in the history
        new LogWriter(reader, logDir, console, config("INFO", 1_000_000));

        String out = consoleBytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split("while starting", -1).length - 1, out);
        assertEquals(1, out.split("before the listener", -1).length - 1, out);
    }

    @Test
    void anEntryDeliveredAfterTheFileClosedIsNoError() throws Exception {
        when(reader.getLog()).thenReturn(Collections.emptyEnumeration());
        RollingFile file = new RollingFile(logDir.resolve("late.log"), 1_000_000, 1);
        file.close();
        assertFalse(file.write("after close"));

        LogWriter writer = new LogWriter(reader, logDir, console, config("INFO", 1_000_000));
        writer.deactivate();
        writer.logged(entry(LogLevel.INFO, "dev.graft.routing", "while stopping"));
        String out = consoleBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("while stopping") && !out.contains("cannot write the log file"), out);
    }

    @Test
    void frameworkEventsReachTheConsoleOnlyAsWarnings() {
        assertTrue(!LogWriter.accepts(entry(LogLevel.INFO, "Events.Bundle.x", "STARTED"), LogLevel.INFO, true));
        assertTrue(LogWriter.accepts(entry(LogLevel.INFO, "Events.Bundle.x", "STARTED"), LogLevel.INFO, false));
        assertTrue(LogWriter.accepts(entry(LogLevel.ERROR, "Events.Framework.x", "failed"), LogLevel.INFO, true));
        assertTrue(!LogWriter.accepts(entry(LogLevel.WARN, "Events.Framework.x", "w"), LogLevel.ERROR, true));
    }

    @Test
    void theFileRollsOverPastItsSize() throws Exception {
        when(reader.getLog()).thenReturn(Collections.emptyEnumeration());
        LogWriter writer = new LogWriter(reader, logDir, console, config("ERROR", 200));
        for (int i = 0; i < 10; i++) {
            writer.logged(entry(LogLevel.INFO, "dev.graft.routing", "line " + i + " with some padding to fill the file"));
        }
        assertTrue(Files.exists(logDir.resolve("graft.log.1")));
        assertTrue(Files.exists(logDir.resolve("graft.log.2")));
        assertTrue(!Files.exists(logDir.resolve("graft.log.3")));
        assertTrue(Files.readString(logDir.resolve("graft.log")).contains("line 9"));
        assertEquals("", consoleBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whileAConsoleSharesTheTerminalItGetsTheConsoleLinesAndStandardOutputIsTheFallback() {
        when(reader.getLog()).thenReturn(Collections.emptyEnumeration());
        LogWriter writer = new LogWriter(reader, logDir, console, config("INFO", 1_000_000));
        List<String> abovePrompt = new java.util.ArrayList<>();
        writer.consoleOutput = abovePrompt::add;
        writer.logged(entry(LogLevel.INFO, "dev.graft.routing.internal.RouteRegistry", "route added"));
        assertEquals(1, abovePrompt.size());
        assertTrue(abovePrompt.get(0).endsWith("INFO  [dev.graft.routing:1.2.3 RouteRegistry] route added"), abovePrompt.get(0));
        assertEquals("", consoleBytes.toString(StandardCharsets.UTF_8));

        writer.consoleOutput = line -> {
            throw new IllegalStateException("terminal closed");
        };
        writer.logged(entry(LogLevel.WARN, "dev.graft.routing", "while the console closes"));
        assertTrue(consoleBytes.toString(StandardCharsets.UTF_8).contains("while the console closes"));

        writer.consoleOutput = null;
        writer.logged(entry(LogLevel.WARN, "dev.graft.routing", "after the console"));
        assertTrue(consoleBytes.toString(StandardCharsets.UTF_8).contains("after the console"));
    }

    @Test
    void aLineOnItsWayWhileTheFileIsReplacedGoesToTheNewFileNotToAnError() throws Exception {
        when(reader.getLog()).thenReturn(Collections.emptyEnumeration());
        LogEntry entry = entry(LogLevel.INFO, "dev.graft.routing", "racing the new file");
        LogWriter[] writer = new LogWriter[1];
        // the configuration changes (the file is replaced and closed) as the entry is formatted
        when(entry.getMessage()).thenAnswer(call -> {
            writer[0].update(config("INFO", 1_000_000));
            return "racing the new file";
        });
        writer[0] = new LogWriter(reader, logDir, console, config("INFO", 1_000_000));
        writer[0].logged(entry);

        assertTrue(Files.readString(logDir.resolve("graft.log")).contains("racing the new file"));
        assertTrue(!consoleBytes.toString(StandardCharsets.UTF_8).contains("cannot write the log file"),
                consoleBytes.toString(StandardCharsets.UTF_8));
    }
}
