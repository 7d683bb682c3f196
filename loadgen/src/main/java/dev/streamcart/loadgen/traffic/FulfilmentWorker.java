package dev.streamcart.loadgen.traffic;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.pacing.Ticker;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.jspecify.annotations.Nullable;

/**
 * The warehouse and the carriers. A paid order waits {@link #SHIP_AFTER}, then most are shipped
 * (half of them fulfilled first), a few are refunded in full before shipping, the rest stay paid.
 * A shipped order waits {@link #DELIVER_AFTER}, goes IN_TRANSIT and is mostly DELIVERED; a few
 * delivered orders are refunded afterwards, some in part. The buyer of a delivered order reviews
 * one of its products now and then (before any refund: a refunded order no longer makes its buyer
 * a verified purchaser). Gentle by design: at most
 * {@link #MAX_ACTIONS_PER_TICK} orders are handled per tick, the rest wait for the next one.
 */
final class FulfilmentWorker implements PaidOrders {

    static final Duration SHIP_AFTER = Duration.ofSeconds(3);
    static final Duration DELIVER_AFTER = Duration.ofSeconds(4);
    static final int MAX_ACTIONS_PER_TICK = 25;
    static final double SHIP_SHARE = 0.92;
    static final double REFUND_BEFORE_SHIPPING_SHARE = 0.03;
    static final double DELIVERED_SHARE = 0.95;
    static final double REFUND_AFTER_DELIVERY_SHARE = 0.04;
    static final BigDecimal PARTIAL_REFUND = new BigDecimal("1.00");
    static final double REVIEW_SHARE = 0.3;

    private static final List<String> CARRIERS = List.of("streampost", "swiftship", "cargoline");
    private static final List<String> HUBS = List.of("Rotterdam hub", "Leipzig hub", "Lyon hub", "Newark hub");

    /** An order waiting for its next step; {@code shipmentId} is 0 before it ships. */
    private record Due(long orderId, long buyerId, List<Long> productIds, long shipmentId, long dueNanos) {}

    private final StorefrontApiClient api;
    private final TrafficStats stats;
    private final FailureReporter failures;
    private final Ticker ticker;
    private final SplittableRandom random;
    private final Queue<Due> paid = new ConcurrentLinkedQueue<>();
    private final Queue<Due> shipped = new ConcurrentLinkedQueue<>();
    private final AtomicLong shippedCount = new AtomicLong();
    private final AtomicLong deliveredCount = new AtomicLong();
    private final AtomicLong refundedCount = new AtomicLong();
    private final AtomicLong reviewedCount = new AtomicLong();
    private final ReviewWriter reviews = new ReviewWriter();

    FulfilmentWorker(StorefrontApiClient api, TrafficStats stats, FailureReporter failures, Ticker ticker, long seed) {
        this.api = Objects.requireNonNull(api, "api");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void paid(long orderId, long buyerId, List<Long> productIds) {
        paid.add(new Due(orderId, buyerId, List.copyOf(productIds), 0, ticker.nanoTime() + SHIP_AFTER.toNanos()));
    }

    /** One round, run by one background thread at a time. */
    void tick() {
        int budget = MAX_ACTIONS_PER_TICK;
        long now = ticker.nanoTime();
        while (budget > 0 && isDue(shipped.peek(), now)) {
            deliver(shipped.poll());
            budget--;
        }
        while (budget > 0 && isDue(paid.peek(), now)) {
            ship(paid.poll());
            budget--;
        }
    }

    /** "shipped=.. delivered=.. refunded=..", for the log. */
    String summary() {
        return "shipped=" + shippedCount.get() + " delivered=" + deliveredCount.get() + " refunded=" + refundedCount.get()
                + " reviewed=" + reviewedCount.get();
    }

    private static boolean isDue(@Nullable Due due, long now) {
        return due != null && due.dueNanos() - now <= 0;
    }

    private void ship(Due due) {
        long orderId = due.orderId();
        try {
            double roll = random.nextDouble();
            if (roll < REFUND_BEFORE_SHIPPING_SHARE) {
                refund(orderId, null, "cancelled before shipping");
                return;
            }
            if (roll >= REFUND_BEFORE_SHIPPING_SHARE + SHIP_SHARE) {
                return; // stays paid: a warehouse backlog is normal
            }
            if (random.nextBoolean() && !api.fulfil(orderId)) {
                return;
            }
            String carrier = CARRIERS.get(random.nextInt(CARRIERS.size()));
            Long shipmentId = api.ship(orderId, UUID.randomUUID().toString(), carrier,
                    "LG-" + orderId + "-" + Long.toHexString(random.nextLong() & 0xffffffL));
            if (shipmentId != null) {
                shippedCount.incrementAndGet();
                shipped.add(new Due(orderId, due.buyerId(), due.productIds(), shipmentId,
                        ticker.nanoTime() + DELIVER_AFTER.toNanos()));
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    private void deliver(Due due) {
        try {
            String hub = HUBS.get(random.nextInt(HUBS.size()));
            if (!api.trackingEvent(due.shipmentId(), "IN_TRANSIT", hub) || random.nextDouble() >= DELIVERED_SHARE) {
                return; // some parcels are slow; they stay in transit
            }
            if (!api.trackingEvent(due.shipmentId(), "DELIVERED", "front door")) {
                return;
            }
            deliveredCount.incrementAndGet();
            if (random.nextDouble() < REVIEW_SHARE && !due.productIds().isEmpty()) {
                review(due);
            }
            if (random.nextDouble() < REFUND_AFTER_DELIVERY_SHARE) {
                boolean partial = random.nextBoolean();
                refund(due.orderId(), partial ? PARTIAL_REFUND : null, partial ? "arrived scratched" : "returned");
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    /** The buyer reviews one product of the order; a 409 (they already reviewed it) is normal. */
    private void review(Due due) {
        long productId = due.productIds().get(random.nextInt(due.productIds().size()));
        try {
            if (api.writeReview(due.buyerId(), productId, reviews.next(random))) {
                reviewedCount.incrementAndGet();
                stats.reviewed();
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    private void refund(long orderId, @Nullable BigDecimal amount, String reason) {
        if (api.refund(orderId, UUID.randomUUID().toString(), amount, reason)) {
            refundedCount.incrementAndGet();
        }
    }
}
