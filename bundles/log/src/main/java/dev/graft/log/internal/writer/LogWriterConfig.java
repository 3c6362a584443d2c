package dev.graft.log.internal.writer;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        name = "Graft log writer",
        description = "Where the entries of the OSGi Log Service are written: the console and a file under data/log.")
public @interface LogWriterConfig {

    String PID = "dev.graft.log";

    @AttributeDefinition(
            name = "Console level",
            description = "Lowest level written to the console (framework events are written only from WARN up).",
            options = {@Option(value = "ERROR"), @Option(value = "WARN"), @Option(value = "INFO"), @Option(value = "DEBUG")})
    String console_level() default "INFO";

    @AttributeDefinition(
            name = "File level",
            description = "Lowest level written to data/log/graft.log.",
            options = {@Option(value = "ERROR"), @Option(value = "WARN"), @Option(value = "INFO"), @Option(value = "DEBUG")})
    String file_level() default "INFO";

    @AttributeDefinition(
            name = "File size",
            description = "Size in bytes after which graft.log is rolled over to graft.log.1 (and so on).")
    long file_max_bytes() default 10L * 1024 * 1024;

    @AttributeDefinition(
            name = "Files kept",
            description = "How many rolled-over files are kept besides graft.log.")
    int file_count() default 5;
}
