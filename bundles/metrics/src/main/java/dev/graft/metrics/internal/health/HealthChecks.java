package dev.graft.metrics.internal.health;

import dev.graft.api.health.CheckResultDTO;
import dev.graft.api.health.HealthCheck;
import dev.graft.api.health.HealthResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs health checks in parallel, each at most for its timeout. A check that does not answer in
 * time is reported as timed out and left running on its thread (a hanging check cannot be stopped
 * safely); until it ends it is not started again, and is reported as still running.
 */
final class HealthChecks {

    /** A registered check: its service, name, module and timeout. */
    record Registered(HealthCheck check, String name, String module, long timeoutMillis) {}

    private final ExecutorService threads;
    private final Map<HealthCheck, Future<HealthResult>> running = new ConcurrentHashMap<>();

    HealthChecks(ExecutorService threads) {
        this.threads = threads;
    }

    List<CheckResultDTO> run(List<Registered> checks) {
        List<Future<HealthResult>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (Registered each : checks) {
            futures.add(running.computeIfAbsent(each.check(), check -> {
                CompletableFuture<HealthResult> future = new CompletableFuture<>();
                threads.execute(() -> {
                    try {
                        HealthResult result = check.check();
                        future.complete(result == null ? HealthResult.unhealthy("the check returned no result") : result);
                    } catch (Throwable t) {
                        future.complete(HealthResult.unhealthy(t.getClass().getSimpleName()
                                + (t.getMessage() == null ? "" : ": " + t.getMessage())));
                    } finally {
                        running.remove(check);
                    }
                });
                return future;
            }));
        }
        List<CheckResultDTO> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Registered each = checks.get(i);
            CheckResultDTO dto = new CheckResultDTO();
            dto.name = each.name();
            dto.module = each.module();
            long left = TimeUnit.MILLISECONDS.toNanos(each.timeoutMillis()) - (System.nanoTime() - started);
            try {
                HealthResult result = futures.get(i).get(Math.max(0, left), TimeUnit.NANOSECONDS);
                dto.healthy = result.isHealthy();
                dto.message = result.message();
            } catch (TimeoutException e) {
                dto.healthy = false;
                dto.message = "timed out after " + each.timeoutMillis() + " ms";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dto.healthy = false;
                dto.message = "interrupted";
            } catch (ExecutionException impossible) {
                dto.healthy = false;
                dto.message = String.valueOf(impossible.getCause());
            }
            dto.millis = Math.min(each.timeoutMillis(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            results.add(dto);
        }
        return results;
    }
}
