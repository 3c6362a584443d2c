package dev.graft.auth.internal.gate;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per policy and principal. A bucket holds up to {@code burst} tokens and refills at
 * {@code rate} per second; a request takes one. Thread safe; idle buckets are dropped when the map grows.
 */
public final class RateLimiter {

    private static final int MAX_BUCKETS = 100_000;

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        /** @return 0 if a token was taken, else nanoseconds until one is available */
        synchronized long take(double rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate * 1e9);
        }

        synchronized boolean full(double rate, int burst, long now) {
            return tokens + (now - last) * rate / 1e9 >= burst;
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param key the policy and principal
     * @return 0 if allowed, else the nanoseconds until the next request would be
     */
    public long acquire(String key, double rate, int burst, long now) {
        if (rate <= 0) {
            return 0;
        }
        if (buckets.size() > MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.full(rate, burst, now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(rate, burst, now);
    }

    /** Forgets every bucket (a policy changed). */
    public void clear() {
        buckets.clear();
    }
}
