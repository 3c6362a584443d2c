package dev.graft.deploy.internal.stage;

import java.nio.file.Path;

/**
 * A jar copied into {@code data/}: the framework and every check read this copy, never the file a
 * user dropped.
 *
 * @param fileName the name the user gave the file (e.g. {@code hello.jar})
 * @param sha256 the content's SHA-256, in hex; also the copy's name
 * @param path the copy
 */
public record StagedJar(String fileName, String sha256, Path path) {}
