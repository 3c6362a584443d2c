package dev.graft.itest;

import dev.graft.api.deploy.DeploymentService;
import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.deploy.dto.ModuleDTO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deployment manager as a user drives it: files put into its {@code deploy/} folder, the
 * entries of its history, the modules it knows.
 */
public final class DeployFolder {

    private final Path folder;
    private final Path scratch;
    private final DeploymentService deployments;
    private final long since;

    /**
     * @param home {@code graft.home}: the folder is its {@code deploy/}, which the manager creates
     * @throws AssertionError if the manager has not created the folder within 10 s
     */
    DeployFolder(Path home, DeploymentService deployments) throws IOException, InterruptedException {
        this.folder = home.resolve("deploy");
        // beside deploy/, on the same file system: a file written here moves in atomically
        this.scratch = Files.createDirectories(home.resolve("itest-scratch"));
        this.deployments = deployments;
        // the history outlives a framework; earlier tests of the class share this graft.home
        this.since = System.currentTimeMillis();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.isDirectory(folder)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the deployment manager did not create " + folder);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Empties {@code <home>/deploy} and removes the log. Pax Exam boots every test of a class with the
     * same {@code graft.home}: without this, the next test's framework would deploy this test's files
     * and its log would hold this test's lines.
     */
    public static void clear(Path home) throws IOException {
        Path folder = home.resolve("deploy");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.deleteIfExists(home.resolve("data/log/graft.log"));
    }

    public DeploymentService deployments() {
        return deployments;
    }

    /** @return the file of this name in {@code deploy/} */
    public Path path(String name) {
        return folder.resolve(name);
    }

    /** Writes a file outside {@code deploy/} (for moving it in later, or for {@code graft:deploy}). */
    public Path scratch(String name, byte[] content) throws IOException {
        return Files.write(scratch.resolve(name), content);
    }

    /**
     * Puts a file into {@code deploy/} as a careful user does: written elsewhere, then moved in at
     * once ({@code ATOMIC_MOVE}), replacing a file of that name. The manager never sees it half written.
     */
    public Path drop(String name, byte[] content) throws IOException {
        return Files.move(scratch(name, content), path(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@link #drop(String, byte[])} with a copy of a file. */
    public Path drop(String name, Path source) throws IOException {
        return drop(name, Files.readAllBytes(source));
    }

    /** @return the history entries of deployments of this file (by name) since this test began, oldest first */
    public List<DeploymentDTO> history(String file) {
        return history().stream().filter(d -> file.equals(d.file)).toList();
    }

    /** @return the history entries since this test began, oldest first */
    public List<DeploymentDTO> history() {
        return deployments.history(null).stream().filter(d -> d.startedAt >= since).toList();
    }

    /** @return the module the manager knows by this name */
    public ModuleDTO module(String name) {
        return deployments.modules().stream().filter(m -> name.equals(m.module)).findFirst()
                .orElseThrow(() -> new AssertionError("the deployment manager knows no module " + name + "; it knows "
                        + deployments.modules().stream().map(m -> m.module).toList()));
    }

    /** Waits for the first history entry of this file with this outcome. */
    public DeploymentDTO awaitOutcome(String file, String outcome, Duration timeout) throws InterruptedException {
        return awaitOutcomes(file, outcome, 1, timeout).get(0);
    }

    /**
     * Waits until the history has {@code count} entries of this file with this outcome.
     *
     * @return those entries, oldest first
     * @throws AssertionError listing the whole history if the time runs out
     */
    public List<DeploymentDTO> awaitOutcomes(String file, String outcome, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<DeploymentDTO> matching = history(file).stream().filter(d -> outcome.equals(d.outcome)).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(matching.size() + " of " + count + " " + outcome + " deployments of " + file
                        + " after " + timeout.toMillis() + " ms; the history since the test began:\n" + describe(history()));
            }
            Thread.sleep(100);
        }
    }

    /** @return the entries, one a line: outcome, code, file, module:version, source, message */
    public static String describe(List<DeploymentDTO> entries) {
        if (entries.isEmpty()) {
            return "  (empty)";
        }
        return entries.stream().map(d -> "  " + d.outcome + " " + d.failureCode + " " + d.file + " " + d.module + ":"
                + d.version + " (from " + d.source + ", previous " + d.previousVersion + "): " + d.message)
                .collect(Collectors.joining("\n"));
    }
}
