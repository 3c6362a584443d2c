package dev.graft.log.internal.slf4j;

import java.util.concurrent.TimeUnit;
import org.osgi.service.log.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger writing to the OSGi Log Service under the same name. Until a Log Service is
 * there, errors and warnings go to standard error so that nothing serious is lost at start-up.
 *
 * <p>Jetty asks "is debug enabled?" several times per request; the Log Service answers that
 * slowly (it formats a context name on every call), so the answers are kept for a second: a
 * level changed through the Log Service's LoggerAdmin takes effect within a second.
 */
final class OsgiLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Levels(LoggerFactory factory, org.osgi.service.log.Logger logger, long checkedAt,
            boolean trace, boolean debug, boolean info, boolean warn, boolean error) {}

    private static final Levels NO_LOG_SERVICE = new Levels(null, null, 0, false, false, false, true, true);

    private final transient LogServiceTracker logService;
    private transient volatile Levels levels;

    OsgiLogger(String name, LogServiceTracker logService) {
        this.name = name;
        this.logService = logService;
    }

    private Levels levels() {
        LoggerFactory factory = logService.current();
        if (factory == null) {
            return NO_LOG_SERVICE;
        }
        Levels current = levels;
        long now = System.nanoTime();
        if (current == null || current.factory() != factory || now - current.checkedAt() > REFRESH_NANOS) {
            org.osgi.service.log.Logger logger = factory.getLogger(name);
            current = new Levels(factory, logger, now, logger.isTraceEnabled(), logger.isDebugEnabled(),
                    logger.isInfoEnabled(), logger.isWarnEnabled(), logger.isErrorEnabled());
            levels = current;
        }
        return current;
    }

    @Override
    public boolean isTraceEnabled() {
        return levels().trace();
    }

    @Override
    public boolean isDebugEnabled() {
        return levels().debug();
    }

    @Override
    public boolean isInfoEnabled() {
        return levels().info();
    }

    @Override
    public boolean isWarnEnabled() {
        return levels().warn();
    }

    @Override
    public boolean isErrorEnabled() {
        return levels().error();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable failure) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        org.osgi.service.log.Logger logger = levels().logger();
        if (logger == null) {
            System.err.println(level + " [" + name + "] " + message);
            if (failure != null) {
                failure.printStackTrace();
            }
            return;
        }
        switch (level) {
            case ERROR -> logger.error(message, failure);
            case WARN -> logger.warn(message, failure);
            case INFO -> logger.info(message, failure);
            case DEBUG -> logger.debug(message, failure);
            default -> logger.trace(message, failure);
        }
    }
}
