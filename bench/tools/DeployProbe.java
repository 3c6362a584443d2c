import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long a module update through deploy/ takes to reach a client: renames a jar over
 * the module's file (rename(2), as {@code mv} within one file system does), then sends GET to a
 * URL on loopback every few milliseconds until the body is the one expected; the time is counted
 * with System.nanoTime from just before the rename to the arrival of that answer. One JVM serves a
 * whole run, so that neither the JVM's start nor a cold HTTP client counts in a round. Run with the
 * JDK's source launcher; it reads commands on standard input, one a line with its fields separated
 * by tabs, and answers each with one line on standard output:
 *
 *   java bench/tools/DeployProbe.java [poll-millis] [timeout-millis]   (default 5 10000)
 *
 *   warm URL N                        sends N GETs (warms the client up); answers "warmed"
 *   move FROM TO URL BODY [HEADER]    renames FROM over TO and polls URL until the body is BODY;
 *                                     answers "ok ms=… polls=… header=yes|no|- seen={…}", or
 *                                     "timeout ms=… polls=… seen={…}" after timeout-millis.
 *                                     seen counts the other answers by body or status (or the
 *                                     exception), header says whether the first answer with BODY
 *                                     had the response header HEADER ("Name: value")
 *
 * End of input ends it. A GET that takes longer than the poll interval is followed by the next at
 * once; each GET has a time limit of 2 s.
 */
public class DeployProbe {

    public static void main(String[] args) throws Exception {
        long pollNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 0 ? Long.parseLong(args[0]) : 5);
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 10_000);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split("\t");
            switch (words[0]) {
                case "warm" -> {
                    HttpRequest request = get(words[1]);
                    for (int i = Integer.parseInt(words[2]); i > 0; i--) {
                        try {
                            client.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                            // only warming up: what it answers is checked by the script
                        }
                    }
                    System.out.println("warmed");
                }
                case "move" -> System.out.println(move(client, Path.of(words[1]), Path.of(words[2]),
                        get(words[3]), words[4], words.length > 5 ? words[5] : null, pollNanos, timeoutNanos));
                default -> System.out.println("unknown command: " + line);
            }
            System.out.flush();
        }
    }

    private static HttpRequest get(String url) {
        URI uri = URI.create(url);
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("benchmarks target loopback only, not " + uri.getHost());
        }
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
    }

    private static String move(HttpClient client, Path from, Path to, HttpRequest request, String body,
            String header, long pollNanos, long timeoutNanos) throws Exception {
        Map<String, Integer> seen = new TreeMap<>();
        int polls = 0;
        long start = System.nanoTime();
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        while (true) {
            long sent = System.nanoTime();
            polls++;
            String other;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                String answer = response.body().strip();
                if (response.statusCode() == 200 && answer.equals(body)) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    return String.format(Locale.ROOT, "ok ms=%.1f polls=%d header=%s seen=%s", ms, polls,
                            header == null ? "-" : hasHeader(response, header) ? "yes" : "no", seen);
                }
                other = response.statusCode() == 200 ? "'" + answer + "'" : String.valueOf(response.statusCode());
            } catch (Exception e) {
                other = e.getClass().getSimpleName();
            }
            seen.merge(other.replace(' ', '_'), 1, Integer::sum);
            long now = System.nanoTime();
            if (now - start > timeoutNanos) {
                return String.format(Locale.ROOT, "timeout ms=%.1f polls=%d seen=%s", (now - start) / 1e6, polls, seen);
            }
            long wait = sent + pollNanos - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static boolean hasHeader(HttpResponse<?> response, String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).strip();
        String value = header.substring(colon + 1).strip();
        return response.headers().allValues(name).contains(value);
    }
}
