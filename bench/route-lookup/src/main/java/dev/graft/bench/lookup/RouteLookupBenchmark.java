package dev.graft.bench.lookup;

import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.table.PathTemplate;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import dev.graft.routing.internal.table.RouteTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.osgi.framework.Version;

/**
 * Looks up requests in a route table of 10, 1,000 and 10,000 routes of the shape
 * {@code /api/v1/resNNNNN/{id}} (plus {@code /hello}).
 *
 * <p>Each invocation looks up 64 request paths, so the sampled time per lookup is finer than the
 * timer. The paths always reach the same number ({@value #TARGETS}) of distinct routes, spread
 * across the table: what differs between the cases is only the size of the table, not how many
 * routes the lookups keep hot in the CPU's caches. (Reaching 64 distinct routes is slower per
 * lookup at any table size — about 145-160 ns against 80-90 ns here — because their data no longer
 * fits the first-level cache; that cost does not grow with the table either.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteLookupBenchmark {

    private static final int PATHS = 64;
    private static final int TARGETS = 8;

    @Param({"10", "1000", "10000"})
    public int routes;

    private RouteTable table;
    private String[] paths;

    @Setup
    public void setUp() {
        table = new RouteTable();
        RouteHandler handler = (request, response) -> {};
        Version version = Version.parseVersion("1.0.0");
        table.add(new RouteEntry("GET", PathTemplate.parse("/hello"), handler, "hello", version, 0, 1));
        for (int i = 0; i < routes; i++) {
            table.add(new RouteEntry("GET", PathTemplate.parse(String.format("/api/v1/res%05d/{id}", i)), handler,
                    "m" + (i % 7), version, i + 1, 1));
        }
        paths = new String[PATHS];
        for (int i = 0; i < PATHS; i++) {
            int target = (int) ((long) (i % TARGETS) * routes / TARGETS);
            paths[i] = String.format("/api/v1/res%05d/%d", target, 1000 + i);
        }
        if (!(table.match("GET", paths[PATHS - 1]) instanceof RouteMatch.Found)) {
            throw new IllegalStateException("the benchmark's paths do not match its routes");
        }
    }

    @Benchmark
    @OperationsPerInvocation(PATHS)
    public void lookup(Blackhole blackhole) {
        for (String path : paths) {
            blackhole.consume(table.match("GET", path));
        }
    }
}
