package dev.graft.log.internal.slf4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

class OsgiLoggerTest {

    private final LogServiceTracker tracker = LogServiceTracker.forBundleOf(OsgiLoggerTest.class); // no bundle: no ticker
    private final OsgiLogger slf4j = new OsgiLogger("org.eclipse.jetty.server.Server", tracker);

    private static Logger osgiLogger(boolean debug) {
        Logger logger = mock(Logger.class);
        when(logger.isDebugEnabled()).thenReturn(debug);
        when(logger.isInfoEnabled()).thenReturn(true);
        when(logger.isWarnEnabled()).thenReturn(true);
        when(logger.isErrorEnabled()).thenReturn(true);
        return logger;
    }

    @Test
    void withoutALogServiceOnlyWarningsAndErrorsAreOn() {
        assertFalse(slf4j.isDebugEnabled());
        assertFalse(slf4j.isInfoEnabled());
        assertTrue(slf4j.isWarnEnabled());
        assertTrue(slf4j.isErrorEnabled());
    }

    @Test
    void levelsAreAskedOnceAndAgainOnlyAfterARefresh() {
        LoggerFactory factory = mock(LoggerFactory.class);
        Logger quiet = osgiLogger(false);
        Logger verbose = osgiLogger(true);
        when(factory.getLogger("org.eclipse.jetty.server.Server")).thenReturn(quiet, verbose);
        tracker.changed(factory);

        for (int i = 0; i < 1000; i++) {
            assertFalse(slf4j.isDebugEnabled());
        }
        verify(factory, times(1)).getLogger("org.eclipse.jetty.server.Server");

        tracker.refresh(); // what the ticker does every second: a level changed meanwhile now counts
        assertTrue(slf4j.isDebugEnabled());
        slf4j.debug("a {} line", "debug");
        verify(verbose).debug("a debug line", (Throwable) null);
    }

    @Test
    void aNewLogServiceIsUsedAtOnce() {
        LoggerFactory first = mock(LoggerFactory.class);
        Logger firstLogger = osgiLogger(false);
        when(first.getLogger("org.eclipse.jetty.server.Server")).thenReturn(firstLogger);
        tracker.changed(first);
        slf4j.warn("one");

        LoggerFactory second = mock(LoggerFactory.class);
        Logger secondLogger = osgiLogger(false);
        when(second.getLogger("org.eclipse.jetty.server.Server")).thenReturn(secondLogger);
        tracker.changed(second);
        slf4j.warn("two");

        verify(firstLogger).warn(org.mockito.ArgumentMatchers.eq("one"), isNull(Throwable.class));
        verify(secondLogger).warn(org.mockito.ArgumentMatchers.eq("two"), isNull(Throwable.class));
    }
}
