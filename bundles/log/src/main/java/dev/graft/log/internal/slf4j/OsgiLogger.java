package dev.graft.log.internal.slf4j;

import org.osgi.service.log.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger writing to the OSGi Log Service under the same name. Until a Log Service is
 * there, errors and warnings go to standard error so that nothing serious is lost at start-up.
 *
 * <p>Jetty asks "is debug enabled?" dozens of times per request; the Log Service answers that slowly
 * (it formats a context name on every call), so each logger keeps its answers and the tracker
 * {@linkplain #reload() reloads} them when the Log Service changes and once every
 * {@value LogServiceTracker#REFRESH_MILLIS} ms (a level changed through the Log Service's
 * LoggerAdmin takes effect within that time). Asking is then one field read.
 */
final class OsgiLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private record Levels(org.osgi.service.log.Logger logger,
            boolean trace, boolean debug, boolean info, boolean warn, boolean error) {}

    private final transient LogServiceTracker logService;
    private transient volatile Levels levels;

    OsgiLogger(String name, LogServiceTracker logService) {
        this.name = name;
        this.logService = logService;
        reload();
        logService.follow(this);
    }

    /** Reads the levels from the Log Service as it is now (none: errors and warnings to stderr). */
    void reload() {
        LoggerFactory factory = logService.current();
        if (factory == null) {
            levels = new Levels(null, false, false, false, true, true);
        } else {
            org.osgi.service.log.Logger logger = factory.getLogger(name);
            levels = new Levels(logger, logger.isTraceEnabled(), logger.isDebugEnabled(),
                    logger.isInfoEnabled(), logger.isWarnEnabled(), logger.isErrorEnabled());
        }
    }

    private Levels levels() {
        return levels;
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
