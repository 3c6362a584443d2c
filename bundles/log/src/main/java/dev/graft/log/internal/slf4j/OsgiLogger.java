package dev.graft.log.internal.slf4j;

import java.util.Optional;
import org.osgi.service.log.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger writing to the OSGi Log Service under the same name. Until a Log Service is
 * there, errors and warnings go to standard error so that nothing serious is lost at start-up.
 */
final class OsgiLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient LogServiceTracker logService;

    OsgiLogger(String name, LogServiceTracker logService) {
        this.name = name;
        this.logService = logService;
    }

    // the OSGi logger of the Log Service it was made by; replaced when the service changes
    private transient volatile Bound bound;

    private record Bound(LoggerFactory factory, org.osgi.service.log.Logger logger) {}

    private Optional<org.osgi.service.log.Logger> osgi() {
        LoggerFactory factory = logService.current();
        if (factory == null) {
            return Optional.empty();
        }
        Bound b = bound;
        if (b == null || b.factory() != factory) {
            b = new Bound(factory, factory.getLogger(name));
            bound = b;
        }
        return Optional.of(b.logger());
    }

    @Override
    public boolean isTraceEnabled() {
        return osgi().map(org.osgi.service.log.Logger::isTraceEnabled).orElse(false);
    }

    @Override
    public boolean isDebugEnabled() {
        return osgi().map(org.osgi.service.log.Logger::isDebugEnabled).orElse(false);
    }

    @Override
    public boolean isInfoEnabled() {
        return osgi().map(org.osgi.service.log.Logger::isInfoEnabled).orElse(false);
    }

    @Override
    public boolean isWarnEnabled() {
        return osgi().map(org.osgi.service.log.Logger::isWarnEnabled).orElse(true);
    }

    @Override
    public boolean isErrorEnabled() {
        return osgi().map(org.osgi.service.log.Logger::isErrorEnabled).orElse(true);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable failure) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        Optional<org.osgi.service.log.Logger> target = osgi();
        if (target.isEmpty()) {
            System.err.println(level + " [" + name + "] " + message);
            if (failure != null) {
                failure.printStackTrace();
            }
            return;
        }
        org.osgi.service.log.Logger logger = target.get();
        switch (level) {
            case ERROR -> logger.error(message, failure);
            case WARN -> logger.warn(message, failure);
            case INFO -> logger.info(message, failure);
            case DEBUG -> logger.debug(message, failure);
            default -> logger.trace(message, failure);
        }
    }

}
