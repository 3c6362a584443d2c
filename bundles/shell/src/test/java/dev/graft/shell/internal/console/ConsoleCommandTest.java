package dev.graft.shell.internal.console;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.graft.log.console.ConsoleOutput;
import org.apache.felix.service.command.CommandSession;
import org.jline.reader.LineReader;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class ConsoleCommandTest {

    private final BundleContext context = mock(BundleContext.class);
    @SuppressWarnings("unchecked")
    private final ServiceRegistration<ConsoleOutput> registration = mock(ServiceRegistration.class);
    private final ConsoleCommand command = new ConsoleCommand(context);

    ConsoleCommandTest() {
        when(context.registerService(eq(ConsoleOutput.class), any(ConsoleOutput.class), isNull())).thenReturn(registration);
    }

    private static CommandSession sessionWith(LineReader reader) {
        CommandSession session = mock(CommandSession.class);
        when(session.get(ConsoleCommand.READER)).thenReturn(reader);
        return session;
    }

    @SuppressWarnings("unchecked")
    private ConsoleOutput registered() {
        ArgumentCaptor<ConsoleOutput> output = ArgumentCaptor.forClass(ConsoleOutput.class);
        verify(context).registerService(eq(ConsoleOutput.class), output.capture(), isNull());
        return output.getValue();
    }

    @Test
    void theConsolesLineReaderPrintsLogLinesAboveThePrompt() {
        LineReader reader = mock(LineReader.class);
        command.__console(sessionWith(reader));
        registered().println("2026-12-01 10:00:00.000 INFO  [x] route added");
        verify(reader).printAbove("2026-12-01 10:00:00.000 INFO  [x] route added");
    }

    @Test
    void aShellStartedFromTheConsoleHasItsOwnReaderAndTheOneReadingGetsTheLine() {
        LineReader console = mock(LineReader.class);
        LineReader subshell = mock(LineReader.class);
        command.__console(sessionWith(console));
        command.__console(sessionWith(subshell));
        verify(context, times(1)).registerService(eq(ConsoleOutput.class), any(ConsoleOutput.class), isNull());

        when(console.isReading()).thenReturn(true); // the subshell has ended: the console prompts again
        registered().println("line");
        verify(console).printAbove("line");
        verify(subshell, never()).printAbove(any(String.class));
    }

    @Test
    void withoutALineReaderThereIsNothingToPrintAbove() {
        command.__console(sessionWith(null));
        verify(context, never()).registerService(eq(ConsoleOutput.class), any(ConsoleOutput.class), any());
    }

    @Test
    void stoppingWithdrawsTheConsoleOutput() {
        command.__console(sessionWith(mock(LineReader.class)));
        command.deactivate();
        verify(registration).unregister();
    }
}
