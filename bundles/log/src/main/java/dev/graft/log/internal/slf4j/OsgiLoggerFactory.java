package dev.graft.log.internal.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** SLF4J loggers by name, each writing to the OSGi Log Service. */
final class OsgiLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogServiceTracker logService;

    OsgiLoggerFactory(LogServiceTracker logService) {
        this.logService = logService;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new OsgiLogger(n, logService));
    }
}
