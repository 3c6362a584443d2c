package dev.graft.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the built distribution, run as a user runs it: {@code bin/graft --port N} as a separate
 * process, with no terminal, on the Java that runs the tests.
 */
public final class GraftProcess implements AutoCloseable {

    private final Path home;
    private final int port;
    private final Path output;
    private Process process;

    private GraftProcess(Path home, int port) {
        this.home = home;
        this.port = port;
        this.output = home.resolve("console.txt");
    }

    /** Copies the distribution into a fresh folder. */
    public static GraftProcess fromDistribution() throws IOException {
        Path home = Files.createTempDirectory("graft-dist");
        copyTree(GraftTestSupport.distribution(), home);
        return new GraftProcess(home, freePort());
    }

    /** Copies a used Graft home (its data/cache included) to a fresh folder, as {@code cp -a} would. */
    public static GraftProcess copyOf(Path usedHome) throws IOException {
        Path home = Files.createTempDirectory("graft-copy");
        copyTree(usedHome, home);
        Files.deleteIfExists(home.resolve("console.txt"));
        return new GraftProcess(home, freePort());
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    public GraftProcess start(String... extraArgs) throws IOException {
        return launch(command(extraArgs), ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    }

    /**
     * Starts bin/graft on a pseudo-terminal (util-linux {@code script}), as a person at a terminal
     * would: the Gogo console is offered; {@link #type} sends it lines.
     */
    public GraftProcess startOnTerminal() throws IOException {
        // a pty made by script has no size when the tests run without a terminal; give it one
        String line = "stty cols 160 rows 50; exec " + String.join(" ", command());
        return launch(List.of("script", "-q", "-e", "-c", line, "/dev/null"), ProcessBuilder.Redirect.PIPE);
    }

    /** Types one line at the console started by {@link #startOnTerminal}. */
    public void type(String line) throws IOException {
        press(line + "\n");
    }

    /** Presses keys at the console started by {@link #startOnTerminal}, without Enter (character 3 is Ctrl-C). */
    public void press(String keys) throws IOException {
        process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    private List<String> command(String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/graft").toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(extraArgs));
        return command;
    }

    private GraftProcess launch(List<String> command, ProcessBuilder.Redirect input) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(input);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        return this;
    }

    /** Waits until the console output contains the text. */
    public void awaitConsole(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!console().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console did not show '" + text + "' within " + seconds + " s:\n" + console());
            }
            Thread.sleep(50);
        }
    }

    /** Sends SIGTERM, as {@code kill} or a service manager would. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the process at once ({@code kill -9}): no shutdown hook, no orderly stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** @return the exit code, or -1 if the process is still running after the timeout */
    public int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * @return what the terminal showed from character {@code from} of {@link #console()} on, without
     *     JLine's escape sequences (colours, cursor moves, modes); carriage returns are kept
     */
    public String screen(int from) throws IOException {
        return console().substring(from).replaceAll("\u001B\\[[0-9;?]*[A-Za-z@]|\u001B[=>]", "");
    }

    /** @return what the process printed (stdout and stderr) so far */
    public String console() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** Moves a file into place in one step, as {@code mv} does within a file system. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            // on a terminal (startOnTerminal) Graft's JVM is a child of script, which does not end it:
            // left alone it outlived the test run
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
