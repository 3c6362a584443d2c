package dev.graft.nativebridge.internal.isolate;

import dev.graft.nativebridge.internal.call.Signature;
import dev.graft.nativebridge.worker.Protocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running worker process and its connection. Requests are written under a lock and may be
 * pipelined; one reader thread completes them by id. When the process dies, every pending call
 * fails with {@link Died}, naming how it ended.
 */
final class WorkerProcess {

    /** The worker died (or was killed) before answering. */
    static final class Died extends Exception {
        private static final long serialVersionUID = 1L;

        Died(String message) {
            super(message);
        }
    }

    /** The library reported an error (a missing function, a bad argument) without dying. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    private record Pending(Signature signature, CompletableFuture<Object[]> answer) {}

    private final Process process;
    private final Socket socket;
    private final DataOutputStream out;
    private final Path log;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String death;

    private WorkerProcess(Process process, Socket socket, Path log) throws IOException {
        this.process = process;
        this.socket = socket;
        this.log = log;
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Starts a worker for the library and waits until it has loaded it. */
    static WorkerProcess start(List<String> command, Path log, long timeoutMillis) throws IOException, Died {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) timeoutMillis);
            List<String> full = new java.util.ArrayList<>(command);
            full.add(Integer.toString(server.getLocalPort()));
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put(Protocol.TOKEN, token);
            Process process = builder.start();
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                process.destroyForcibly();
                throw new Died("the worker did not connect within " + timeoutMillis + " ms (" + e.getMessage() + "); see " + log);
            }
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            if (!token.equals(in.readUTF())) {
                socket.close();
                process.destroyForcibly();
                throw new Died("a process other than the worker connected");
            }
            if (in.readByte() != Protocol.OK) {
                String reason = Protocol.readText(in);
                socket.close();
                process.destroyForcibly();
                throw new Died("the worker could not load the library: " + reason);
            }
            WorkerProcess worker = new WorkerProcess(process, socket, log);
            Thread reader = new Thread(() -> worker.read(in), "graft-native-worker-reader pid " + process.pid());
            reader.setDaemon(true);
            reader.start();
            return worker;
        }
    }

    /** Calls a function; @return the result and the buffers as the worker left them */
    Object[] call(String function, Signature signature, Object[] args, long timeoutMillis)
            throws Died, Failed, TimeoutException {
        int id = ids.incrementAndGet();
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        pending.put(id, new Pending(signature, answer));
        try {
            synchronized (out) {
                out.writeInt(id);
                out.writeByte(Protocol.CALL);
                Protocol.writeText(out, function);
                out.writeByte(signature.returnType());
                out.writeByte(args.length);
                for (int i = 0; i < args.length; i++) {
                    char type = signature.parameters().charAt(i);
                    out.writeByte(type);
                    Protocol.writeValue(out, type, args[i]);
                }
                out.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            throw new Died(died());
        }
        return await(id, answer, timeoutMillis);
    }

    /** @return the symbols among {@code symbols} the library lacks */
    List<String> missing(List<String> symbols, long timeoutMillis) throws Died, Failed, TimeoutException {
        int id = ids.incrementAndGet();
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        pending.put(id, new Pending(new Signature('S', ""), answer));
        try {
            synchronized (out) {
                out.writeInt(id);
                out.writeByte(Protocol.MISSING);
                out.writeInt(symbols.size());
                for (String symbol : symbols) {
                    Protocol.writeText(out, symbol);
                }
                out.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            throw new Died(died());
        }
        String missing = (String) await(id, answer, timeoutMillis)[0];
        return missing == null || missing.isEmpty() ? List.of() : List.of(missing.split(","));
    }

    private Object[] await(int id, CompletableFuture<Object[]> answer, long timeoutMillis) throws Died, Failed, TimeoutException {
        try {
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failed failed) {
                throw failed;
            }
            throw new Died(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } finally {
            pending.remove(id);
        }
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int id = in.readInt();
                byte status = in.readByte();
                Pending call = pending.get(id);
                if (call == null) {
                    throw new IOException("an answer to no call: " + id);
                }
                if (status == Protocol.ERROR) {
                    call.answer.completeExceptionally(new Failed(Protocol.readText(in)));
                    continue;
                }
                Signature signature = call.signature;
                Object result = Protocol.readValue(in, signature.returnType());
                String parameters = signature.parameters();
                Object[] answer = new Object[1 + parameters.length()];
                answer[0] = result;
                for (int i = 0; i < parameters.length(); i++) {
                    if (parameters.charAt(i) == 'B') {
                        answer[1 + i] = Protocol.readBytes(in);
                    }
                }
                call.answer.complete(answer);
            }
        } catch (IOException e) {
            String why = died();
            pending.values().forEach(p -> p.answer.completeExceptionally(new Died(why)));
        }
    }

    // how the process ended, for the caller: exit code or signal, and the JVM's crash line if it wrote one
    private synchronized String died() {
        if (death != null) {
            return death;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        String how;
        try {
            if (process.waitFor(3, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                how = code > 128 ? "signal " + (code - 128) + signalName(code - 128) : "exit code " + code;
            } else {
                how = "the connection was lost";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            how = "unknown";
        }
        String crash = crashLine();
        death = "the worker (pid " + process.pid() + ") died: " + how + (crash == null ? "" : ", " + crash) + "; its output is in " + log;
        return death;
    }

    // the JVM's fatal-error banner names the signal it caught in native code ("#  SIGSEGV (0xb) at pc=…")
    private String crashLine() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - 16_384);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            int at = text.lastIndexOf("#  SIG");
            if (at < 0) {
                return null;
            }
            int end = text.indexOf(' ', at + 3);
            return "the JVM reported " + text.substring(at + 3, end < 0 ? Math.min(text.length(), at + 12) : end) + " in native code";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 7 -> " (SIGBUS)";
            case 8 -> " (SIGFPE)";
            case 4 -> " (SIGILL)";
            default -> "";
        };
    }

    boolean alive() {
        return death == null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Ends the worker: closing the connection ends it; a hung one is killed. */
    void stop() {
        death = death == null ? "stopped" : death;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills a worker that hangs in a call. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
