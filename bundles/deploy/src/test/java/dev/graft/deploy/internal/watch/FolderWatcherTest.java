package dev.graft.deploy.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {

    @TempDir
    Path dir;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private FolderWatcher watcher(Path deploy, long settleMillis) throws Exception {
        return new FolderWatcher(deploy, settleMillis, new FolderWatcher.Listener() {
            @Override
            public void ready(Path file) {
                events.add("ready " + file.getFileName());
            }

            @Override
            public void removed(Path file) {
                events.add("removed " + file.getFileName());
            }
        });
    }

    private static byte[] zip(int entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.write(new byte[512]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aMovedJarIsHandedOverAtOnceAndItsRemovalReported() throws Exception {
        Path deploy = dir.resolve("deploy");
        try (FolderWatcher watcher = watcher(deploy, 1000)) {
            watcher.start();
            Thread.sleep(100);
            Path tmp = Files.write(dir.resolve("a.tmp"), zip(3));
            long moved = System.nanoTime();
            Files.move(tmp, deploy.resolve("a.jar"), StandardCopyOption.ATOMIC_MOVE);
            assertEquals("ready a.jar", events.poll(5, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - moved);
            assertTrue(millis < 500, "handed over after " + millis + " ms");
            Files.delete(deploy.resolve("a.jar"));
            assertEquals("removed a.jar", events.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void jarsAlreadyThereAreHandedOverBeforeStartReturns() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.write(deploy.resolve("a.jar"), zip(2));
        Files.write(deploy.resolve("b.jar"), zip(2));
        try (FolderWatcher watcher = watcher(deploy, 1000)) {
            watcher.start();
            // no waiting: readiness counts what start() handed over (DeploymentManager.pendingDeployments)
            assertEquals("[ready a.jar, ready b.jar]", events.stream().sorted().toList().toString());
        }
    }

    @Test
    void aJarWrittenSlowlyIsHandedOverOnlyWhenComplete() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        byte[] content = zip(40);
        try (FolderWatcher watcher = watcher(deploy, 1000)) {
            watcher.start();
            try (OutputStream out = Files.newOutputStream(deploy.resolve("slow.jar"))) {
                for (int i = 0; i < content.length; i += 2048) {
                    out.write(content, i, Math.min(2048, content.length - i));
                    out.flush();
                    Thread.sleep(50);
                    if (i + 2048 < content.length) {
                        assertNull(events.poll(), "handed over while still being written");
                    }
                }
            }
            assertEquals("ready slow.jar", events.poll(5, TimeUnit.SECONDS));
            assertNull(events.poll(1500, TimeUnit.MILLISECONDS), "handed over twice");
        }
    }

    @Test
    void aBrokenFileIsHandedOverOnceItStopsChanging() throws Exception {
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(deploy.resolve("notes.jar"), "not a jar");
        try (FolderWatcher watcher = watcher(deploy, 300)) {
            long started = System.nanoTime();
            watcher.start();
            assertNotNull(events.poll(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(300), "handed over before it settled");
        }
    }
}
