package dev.graft.log.internal.writer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** An append-only text file that rolls over to {@code name.1 … name.N} past a size. */
final class RollingFile implements AutoCloseable {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private Writer out;
    private long size;
    private boolean closed;

    RollingFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = Math.max(0, keep);
        Files.createDirectories(file.getParent());
        open();
    }

    /**
     * @return false, writing nothing, if the file was closed: the Log Service delivers entries on
     *     its own thread, and one may arrive just after the writer closed its file
     */
    synchronized boolean write(String line) throws IOException {
        if (closed) {
            return false;
        }
        String text = line + System.lineSeparator();
        if (size > 0 && size + text.length() > maxBytes) {
            roll();
        }
        out.write(text);
        out.flush();
        size += text.getBytes(StandardCharsets.UTF_8).length;
        return true;
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void roll() throws IOException {
        out.close();
        if (keep == 0) {
            Files.delete(file);
        } else {
            for (int i = keep - 1; i >= 1; i--) {
                Path older = sibling(i);
                if (Files.exists(older)) {
                    Files.move(older, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path sibling(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }
}
