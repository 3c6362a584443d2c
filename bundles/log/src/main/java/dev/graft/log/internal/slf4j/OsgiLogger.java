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
 * <p>Jetty asks "is debug enabled?" many times per request; the Log Service answers that slowly
 * (it formats a context name on every call), so the answers are kept until the tracker's
 * generation moves on: a level changed through the Log Service's LoggerAdmin takes effect within
 * {@value LogServiceTracker#REFRESH_MILLIS} ms.
 */
final class OsgiLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private record Levels(org.osgi.service.log.Logger logger, int generation,
            boolean trace, boolean debug, boolean info, boolean warn, boolean error) {}

    private final transient LogServiceTracker logService;
    private transient volatile Levels levels;

    OsgiLogger(String name, LogServiceTracker logService) {
        this.name = name;
        this.logService = logService;
    }

    private Levels levels() {
        Levels current = levels;
        int generation = logService.generation();
        if (current != null && current.generation() == generation) {
            return current;
        }
        LoggerFactory factory = logService.current();
        if (factory == null) {
            current = new Levels(null, generation, false, false, false, true, true);
        } else {
            org.osgi.service.log.Logger logger = factory.getLogger(name);
            current = new Levels(logger, generation, logger.isTraceEnabled(), logger.isDebugEnabled(),
                    logger.isInfoEnabled(), logger.isWarnEnabled(), logger.isErrorEnabled());
        }
        levels = current;
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
