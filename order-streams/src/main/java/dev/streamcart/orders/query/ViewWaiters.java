package dev.streamcart.orders.query;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.orders.tracking.OrderViewListener;
import dev.streamcart.schemas.order.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * Reads waiting for an order view that is not stored yet (read-your-own-write after a checkout).
 * The view processor wakes the waiters of a key right after it stores the view; a waiter that
 * times out completes empty and is removed. Waiters are bounded in number, so a flood of reads for
 * ids that never arrive cannot exhaust memory, and in time, so none is left behind.
 */
public final class ViewWaiters implements OrderViewListener {

    public static final int DEFAULT_MAX_WAITERS = 10_000;

    private final int maxWaiters;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ConcurrentHashMap<String, Set<CompletableFuture<@Nullable OrderView>>> byKey = new ConcurrentHashMap<>();

    public ViewWaiters(int maxWaiters) {
        if (maxWaiters < 1) {
            throw new IllegalArgumentException("maxWaiters must be >= 1, was " + maxWaiters);
        }
        this.maxWaiters = maxWaiters;
    }

    /**
     * A future that completes with the view of {@code orderKey} once it is stored, or with null
     * after {@code timeout}; null instead of a future when {@link #DEFAULT_MAX_WAITERS} (or the
     * configured bound) reads are already waiting. The caller must re-read the store after
     * registering, since the view may have arrived just before, and complete the future itself
     * when it finds the view.
     */
    public @Nullable CompletableFuture<@Nullable OrderView> await(String orderKey, Duration timeout) {
        Objects.requireNonNull(orderKey, "orderKey");
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            return null;
        }
        CompletableFuture<@Nullable OrderView> waiter = new CompletableFuture<>();
        byKey.compute(orderKey, (key, waiters) -> {
            Set<CompletableFuture<@Nullable OrderView>> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            set.add(waiter);
            return set;
        });
        // However it completes (view, timeout, cancel), it leaves the map and frees its place.
        waiter.whenComplete((view, failure) -> {
            byKey.computeIfPresent(orderKey, (key, waiters) -> {
                waiters.remove(waiter);
                return waiters.isEmpty() ? null : waiters;
            });
            waiting.decrementAndGet();
        });
        waiter.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return waiter;
    }

    /** Reads currently waiting. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void stored(String orderKey, OrderView view) {
        Set<CompletableFuture<@Nullable OrderView>> waiters = byKey.get(orderKey);
        if (waiters != null) {
            // Completing only hands the view over: readers encode and write their answers off the stream thread.
            waiters.forEach(waiter -> waiter.complete(view));
        }
    }
}
