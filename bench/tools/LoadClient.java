import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded load client for Graft's benchmarks: N connections (one thread each) send GET requests
 * to one URL on loopback for a fixed time, then it prints requests, non-2xx responses, connection
 * errors and latency percentiles. Run with the JDK's source launcher:
 *
 *   java bench/tools/LoadClient.java http://127.0.0.1:8080/hello 16 30
 */
public class LoadClient {

    private static final int BUCKETS = 100_000; // 10 µs buckets up to 1 s, the last one catches the rest

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load tests target loopback only, not " + uri.getHost());
        }
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<Integer, AtomicLong> nonSuccess = new ConcurrentHashMap<>();
        AtomicLongArray latency = new AtomicLongArray(BUCKETS);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            threads[t] = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        int status = response.statusCode();
                        if (status < 200 || status > 299) {
                            nonSuccess.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    requests.incrementAndGet();
                    long micros = (System.nanoTime() - start) / 1000;
                    latency.incrementAndGet((int) Math.min(BUCKETS - 1, micros / 10));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = requests.get();
        long failed = nonSuccess.values().stream().mapToLong(AtomicLong::get).sum();
        Map<Integer, Long> byStatus = new TreeMap<>();
        nonSuccess.forEach((status, count) -> byStatus.put(status, count.get()));
        System.out.printf("requests %d (%.0f/s)  non-2xx %d %s  connection errors %d  p50 %.2f ms  p99 %.2f ms  max %s%n",
                total, total / (double) seconds, failed, byStatus, errors.get(),
                percentile(latency, total, 0.50), percentile(latency, total, 0.99), max(latency));
    }

    private static double percentile(AtomicLongArray latency, long total, double p) {
        long rank = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < latency.length(); i++) {
            seen += latency.get(i);
            if (seen >= rank) {
                return (i + 1) * 10 / 1000.0;
            }
        }
        return Double.NaN;
    }

    private static String max(AtomicLongArray latency) {
        for (int i = latency.length() - 1; i >= 0; i--) {
            if (latency.get(i) > 0) {
                return i == latency.length() - 1 ? ">1000 ms" : String.format("%.2f ms", (i + 1) * 10 / 1000.0);
            }
        }
        return "-";
    }
}
