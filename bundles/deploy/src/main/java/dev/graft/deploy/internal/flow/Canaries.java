package dev.graft.deploy.internal.flow;

import dev.graft.api.deploy.dto.DeploymentDTO;
import dev.graft.api.route.ModuleTraffic;
import dev.graft.api.route.RouteAdmin;
import dev.graft.api.route.dto.RouteDTO;
import dev.graft.api.route.dto.TrafficDTO;
import dev.graft.deploy.internal.DeployConfig;
import dev.graft.deploy.internal.state.ModuleRecord;
import dev.graft.deploy.internal.state.ModuleStore;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;

/**
 * Canaries: a healthy new version takes its share of traffic through the router's weights, and a
 * watch compares its 5xx share over a sliding window with the old version's. Beyond the configured
 * margin — or after too many 5xx in a row — its circuit opens (the caller takes its traffic away
 * and rolls it back); after the promotion time without trouble it takes all traffic.
 */
public final class Canaries {

    private static final long TICK_MILLIS = 200;

    private record Sample(long nanos, long requests, long errors, int consecutiveErrors, long oldRequests, long oldErrors) {}

    private final RouteAdmin routes;
    private final ModuleTraffic traffic;
    private final ModuleStore store;
    private final ScheduledExecutorService scheduler;
    private final Supplier<DeployConfig> config;
    private final Logger logger;
    private final Map<String, ScheduledFuture<?>> watches = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> tripped = (module, why) -> {};
    private volatile Consumer<String> due = module -> {};

    public Canaries(RouteAdmin routes, ModuleTraffic traffic, ModuleStore store, ScheduledExecutorService scheduler,
            Supplier<DeployConfig> config, Logger logger) {
        this.routes = routes;
        this.traffic = traffic;
        this.store = store;
        this.scheduler = scheduler;
        this.config = config;
        this.logger = logger;
    }

    /**
     * @param onTrip called (module, why) when a canary's circuit opens; it runs on the scheduler
     * @param onDue called (module) when a canary has served long enough without trouble
     */
    public void onOutcome(BiConsumer<String, String> onTrip, Consumer<String> onDue) {
        this.tripped = onTrip;
        this.due = onDue;
    }

    /**
     * Gives the new version its share and starts watching it; the caller holds the module's lock.
     *
     * @return false if the module serves no routes (no traffic to split): the caller switches at once
     */
    boolean start(ModuleRecord record, Bundle old, Bundle fresh, DeploymentDTO dto) {
        DeployConfig settings = config.get();
        int weight = Math.max(1, Math.min(99, settings.canary_weight()));
        String module = record.module;
        try {
            routes.setWeights(module, Map.of(old.getVersion().toString(), 100 - weight, fresh.getVersion().toString(), weight), null);
        } catch (IllegalArgumentException | IOException e) {
            logger.info("{}:{}: no canary ({}); switching at once", module, fresh.getVersion(), e.getMessage());
            return false;
        }
        awaitWeights(module, old.getVersion(), 100 - weight);
        traffic.serve(module, fresh.getVersion());
        record.phase = ModuleRecord.Phase.CANARY;
        record.candidateWeight = weight;
        record.since = System.currentTimeMillis();
        store.save(record);
        watch(module, old.getVersion(), fresh.getVersion());
        dto.outcome = DeploymentDTO.OUTCOME_CANARY;
        dto.message = dto.file + ": " + module + ":" + fresh.getVersion() + " serves " + weight + "% of traffic as a canary beside "
                + old.getVersion() + (settings.canary_promote_after_millis() > 0 ? "; it takes all after "
                        + settings.canary_promote_after_millis() + " ms within bounds" : "; graft:promote " + module
                        + " gives it all");
        logger.info("{}", dto.message);
        return true;
    }

    /** Stops watching a module's canary (promoted, rolled back, replaced). */
    void stop(String module) {
        ScheduledFuture<?> watch = watches.remove(module);
        if (watch != null) {
            watch.cancel(false);
        }
    }

    /** Removes the module's split, if it has one: the highest serving version takes everything. */
    void removeWeights(String module) {
        try {
            routes.setWeights(module, Map.of(), null);
        } catch (IllegalArgumentException noSplit) {
            // nothing to remove
        } catch (IOException e) {
            logger.warn("the canary weights of {} could not be removed: {}", module, e.getMessage());
        }
    }

    public void close() {
        watches.values().forEach(w -> w.cancel(false));
        watches.clear();
    }

    // the router applies a configuration asynchronously: give the canary traffic only once the split is in force
    private void awaitWeights(String module, Version old, int weight) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0) {
            for (RouteDTO route : routes.routes()) {
                if (module.equals(route.module) && old.toString().equals(route.version) && route.weight == weight) {
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void watch(String module, Version old, Version fresh) {
        Deque<Sample> samples = new ArrayDeque<>();
        long started = System.nanoTime();
        samples.add(sample(module, old, fresh));
        Runnable tick = () -> {
            try {
                check(module, old, fresh, samples, started);
            } catch (RuntimeException e) {
                logger.error("the canary watch of {}:{} failed: {}", module, fresh, e.toString(), e);
            }
        };
        stop(module);
        watches.put(module, scheduler.scheduleWithFixedDelay(tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS));
    }

    private void check(String module, Version old, Version fresh, Deque<Sample> samples, long started) {
        DeployConfig settings = config.get();
        Sample now = sample(module, old, fresh);
        samples.addLast(now);
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(settings.canary_window_millis());
        while (samples.size() > 1 && now.nanos() - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
        Sample base = samples.peekFirst();
        int consecutive = now.consecutiveErrors();
        if (consecutive >= settings.canary_consecutive_failures()) {
            trip(module, module + ":" + fresh + " answered " + consecutive + " 5xx in a row (limit "
                    + settings.canary_consecutive_failures() + ")");
            return;
        }
        long requests = now.requests() - base.requests();
        long errors = now.errors() - base.errors();
        if (requests >= settings.canary_min_requests()) {
            long oldRequests = now.oldRequests() - base.oldRequests();
            double rate = (double) errors / requests;
            double oldRate = oldRequests == 0 ? 0 : (double) (now.oldErrors() - base.oldErrors()) / oldRequests;
            if (rate - oldRate > settings.canary_error_rate()) {
                trip(module, String.format(java.util.Locale.ROOT, "%s:%s answered %.0f%% 5xx (%d of %d) over the last %d ms"
                        + " against %.0f%% for %s (allowed margin %.0f points)", module, fresh, rate * 100, errors, requests,
                        TimeUnit.NANOSECONDS.toMillis(now.nanos() - base.nanos()), oldRate * 100, old,
                        settings.canary_error_rate() * 100));
                return;
            }
        }
        long promoteAfter = settings.canary_promote_after_millis();
        if (promoteAfter > 0 && now.nanos() - started >= TimeUnit.MILLISECONDS.toNanos(promoteAfter)) {
            stop(module);
            due.accept(module);
        }
    }

    private void trip(String module, String why) {
        stop(module);
        tripped.accept(module, why);
    }

    private Sample sample(String module, Version old, Version fresh) {
        TrafficDTO canary = traffic.traffic(module, fresh);
        TrafficDTO serving = traffic.traffic(module, old);
        return new Sample(System.nanoTime(), canary.requests, canary.serverErrors, canary.consecutiveServerErrors,
                serving.requests, serving.serverErrors);
    }
}
