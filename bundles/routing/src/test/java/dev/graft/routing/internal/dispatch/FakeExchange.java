package dev.graft.routing.internal.dispatch;

import dev.graft.api.http.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

/** An exchange as a server would offer it: execute() runs on a worker pool, complete() is counted. */
final class FakeExchange implements HttpExchange {
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final CountDownLatch completed = new CountDownLatch(1);
    final ExecutorService workers;
    volatile int status = 200;

    FakeExchange(ExecutorService workers) {
        this.workers = workers;
    }

    boolean isCompleted() {
        return completed.getCount() == 0;
    }

    String body() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override public String method() { return "GET"; }
    @Override public String path() { return "/hello"; }
    @Override public String header(String name) { return null; }
    @Override public List<String> headers(String name) { return List.of(); }
    @Override public String queryParameter(String name) { return null; }
    @Override public String remoteAddress() { return "127.0.0.1"; }
    @Override public InputStream requestBody() { return InputStream.nullInputStream(); }
    @Override public void status(int code) { status = code; }
    @Override public void responseHeader(String name, String value) { headers.put(name, value); }
    @Override public String responseHeader(String name) { return headers.get(name); }
    @Override public void contentLength(int length) { headers.put("Content-Length", Integer.toString(length)); }
    @Override public OutputStream responseBody() { return out; }
    @Override public boolean isCommitted() { return false; }
    @Override public void reset() { headers.clear(); out.reset(); }
    @Override public void flush() {}
    @Override public void complete() { completed.countDown(); }
    @Override public void execute(Runnable task) { workers.execute(task); }
}
