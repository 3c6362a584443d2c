package dev.graft.bench.registration;

import dev.graft.api.route.RouteHandler;
import dev.graft.routing.internal.table.PathTemplate;
import dev.graft.routing.internal.table.RouteEntry;
import dev.graft.routing.internal.table.RouteMatch;
import dev.graft.routing.internal.table.RouteTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
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
 * The cost of changing the route table: registering 10,000 and 100,000 routes into an empty table,
 * and removing all of them again, one batch per operation (a module set installed or withdrawn at
 * once). The time per batch is averaged over many batches, so that garbage collection (the growing
 * table is copied by young collections) and a busy machine weigh on it evenly. Two shapes: {@code siblings}, every route a child of one node ({@code /r/NNNNN}), the
 * worst case for a table that copies a node's children on every insert; and {@code mixed}, a tree
 * of literals and parameters a few levels deep. Near-linear means the cost per route is about the
 * same at 100,000 as at 10,000.
 *
 * <p>The {@code lookupWhileRegistering} group looks routes up on one thread while another registers
 * and removes {@value #CHURN} routes in a loop; {@code lookupAlone} is the same lookups with
 * nothing changing. Lookups never lock, so their time must not grow with the changes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(1)
public class RouteRegistrationBenchmark {

    static final int CHURN = 2_000;
    private static final int PATHS = 64;
    private static final RouteHandler HANDLER = (request, response) -> {};
    private static final Version VERSION = Version.parseVersion("1.0.0");

    /** The routes of one batch, parsed once: what is measured is the table, not the parsing. */
    @State(Scope.Benchmark)
    public static class Routes {

        @Param({"10000", "100000"})
        public int routes;

        @Param({"siblings", "mixed"})
        public String shape;

        RouteEntry[] entries;

        @Setup(Level.Trial)
        public void build() {
            entries = new RouteEntry[routes];
            for (int i = 0; i < routes; i++) {
                String path = switch (shape) {
                    case "siblings" -> "/r/" + i;
                    // 100 top-level literals, each with parameters and literals below
                    case "mixed" -> i % 3 == 0 ? "/api" + i % 100 + "/{id}/item" + i / 100
                            : i % 3 == 1 ? "/api" + i % 100 + "/res" + i / 100 + "/{id}"
                            : "/api" + i % 100 + "/res" + i / 100 + "/sub/leaf";
                    default -> throw new IllegalArgumentException("unknown shape " + shape);
                };
                entries[i] = new RouteEntry("GET", PathTemplate.parse(path), HANDLER, "m" + i % 7, VERSION, i + 1, 1);
            }
        }
    }

    /** A table holding every route of the batch, filled anew before each batch is removed. */
    @State(Scope.Thread)
    public static class Filled {

        RouteTable table;

        @Setup(Level.Invocation) // a batch takes milliseconds: the setup's own overhead does not matter
        public void fill(Routes routes) {
            table = new RouteTable();
            for (RouteEntry entry : routes.entries) {
                table.add(entry);
            }
        }
    }

    @Benchmark
    public RouteTable register(Routes routes) {
        RouteTable table = new RouteTable();
        for (RouteEntry entry : routes.entries) {
            table.add(entry);
        }
        return table;
    }

    @Benchmark
    public RouteTable removeAll(Routes routes, Filled filled) {
        for (RouteEntry entry : routes.entries) {
            filled.table.remove(entry, 0);
        }
        if (!filled.table.routes().isEmpty()) {
            throw new IllegalStateException("routes left after removing them all");
        }
        return filled.table;
    }

    /** 1,000 routes that stay, the lookups for them, and {@value #CHURN} routes that come and go. */
    @State(Scope.Group)
    public static class Churn {

        RouteTable table;
        String[] paths;
        RouteEntry[] churn;

        @Setup(Level.Trial)
        public void build() {
            table = new RouteTable();
            for (int i = 0; i < 1_000; i++) {
                table.add(new RouteEntry("GET", PathTemplate.parse(String.format("/api/v1/res%05d/{id}", i)), HANDLER,
                        "m", VERSION, i + 1, 1));
            }
            paths = new String[PATHS];
            for (int i = 0; i < PATHS; i++) {
                paths[i] = String.format("/api/v1/res%05d/%d", i * 1_000 / PATHS, i);
            }
            churn = new RouteEntry[CHURN];
            for (int i = 0; i < CHURN; i++) {
                // siblings of the routes looked up, so that the lookups pass through the nodes that change
                churn[i] = new RouteEntry("GET", PathTemplate.parse("/api/v1/new" + i + (i % 2 == 0 ? "" : "/{id}")),
                        HANDLER, "n", VERSION, 10_000 + i, 2);
            }
            if (!(table.match("GET", paths[PATHS - 1]) instanceof RouteMatch.Found)) {
                throw new IllegalStateException("the benchmark's paths do not match its routes");
            }
        }
    }

    @Benchmark
    @Group("lookupWhileRegistering")
    @GroupThreads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(PATHS)
    public void lookup(Churn state, Blackhole blackhole) {
        for (String path : state.paths) {
            blackhole.consume(state.table.match("GET", path));
        }
    }

    @Benchmark
    @Group("lookupWhileRegistering")
    @GroupThreads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(PATHS) // a group needs one value: the time per change is the score / (2 * CHURN / PATHS)
    public void registerAndRemove(Churn state) {
        for (RouteEntry entry : state.churn) {
            state.table.add(entry);
        }
        for (RouteEntry entry : state.churn) {
            state.table.remove(entry, 0);
        }
    }

    @Benchmark
    @Group("lookupAlone")
    @GroupThreads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OperationsPerInvocation(PATHS)
    public void lookupOnly(Churn state, Blackhole blackhole) {
        lookup(state, blackhole);
    }
}
