package dev.graft.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mvn} in a separate process, as a user would in a shell: the Maven, the local
 * repository and the Java of the build that runs the tests (failsafe passes {@code maven.home} and
 * {@code maven.repo.local}). Batch mode, no transfer progress; online, so that a plugin the
 * reactor's own build did not need (maven-install-plugin in {@code mvn verify}) is downloaded.
 */
final class NestedMaven {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path mvn;
    private final String localRepository;

    private NestedMaven(Path mvn, String localRepository) {
        this.mvn = mvn;
        this.localRepository = localRepository;
    }

    static NestedMaven fromBuild() {
        String home = System.getProperty("maven.home");
        Path mvn = home == null ? null : Path.of(home, "bin", "mvn");
        if (mvn == null || !Files.isExecutable(mvn)) {
            mvn = onPath("mvn");
        }
        String repository = System.getProperty("maven.repo.local");
        if (repository == null) {
            throw new IllegalStateException("system property maven.repo.local is not set; run the tests with 'mvn verify'");
        }
        return new NestedMaven(mvn, repository);
    }

    /**
     * Runs {@code mvn -B -ntp <arguments>} in a folder and waits for it.
     *
     * @return everything it printed
     * @throws AssertionError naming the command, with the end of its output, if it fails or takes
     *     longer than five minutes
     */
    String run(Path folder, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-ntp", "-Dmaven.repo.local=" + localRepository));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("mvn", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        if (!finished || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", arguments) + " in " + folder
                    + (finished ? " failed with exit status " + process.exitValue() : " did not finish within " + TIMEOUT.toMinutes() + " min")
                    + "; its output ends:\n" + tail(printed));
        }
        return printed;
    }

    /** @return the last 150 lines: enough for Maven's error report, short enough for a test report */
    static String tail(String text) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - 150);
        return String.join("\n", List.of(lines).subList(from, lines.length));
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + name + " on the PATH and no system property maven.home");
    }
}
