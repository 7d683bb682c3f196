package dev.streamcart.loadgen.stats;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** What the virtual users did and what the API answered; updated concurrently by every worker. */
public final class TrafficStats {

    private final LongAdder sessions = new LongAdder();
    private final LongAdder productViews = new LongAdder();
    private final LongAdder ordersPlaced = new LongAdder();
    private final LongAdder paid = new LongAdder();
    private final LongAdder declined = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder stockShort = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final LongAdder replays = new LongAdder();
    private final LongAdder replayMismatches = new LongAdder();
    private final LongAdder restockReceipts = new LongAdder();
    private final LongAdder searches = new LongAdder();
    private final LongAdder cartCheckouts = new LongAdder();
    private final LongAdder priceChanges = new LongAdder();
    private final LongAdder reviews = new LongAdder();
    private final CheckoutLatencies checkoutLatencies = new CheckoutLatencies();

    public void sessionStarted() {
        sessions.increment();
    }

    public void productViewed() {
        productViews.increment();
    }

    public void orderPlaced(Duration checkoutLatency) {
        ordersPlaced.increment();
        checkoutLatencies.record(checkoutLatency);
    }

    public void stockShort(Duration checkoutLatency) {
        stockShort.increment();
        checkoutLatencies.record(checkoutLatency);
    }

    public void paid() {
        paid.increment();
    }

    public void declined() {
        declined.increment();
    }

    public void cancelled() {
        cancelled.increment();
    }

    /** An answer with a status the simulator did not expect. */
    public void unexpectedStatus(int status) {
        if (status >= 500) {
            serverErrors.increment();
        } else {
            unexpected.increment();
        }
    }

    /** A request that got no answer (connection refused, reset, timeout). */
    public void ioError() {
        ioErrors.increment();
    }

    /** A client retry with the same Idempotency-Key; {@code sameResult} false means the API broke idempotency. */
    public void replayed(boolean sameResult) {
        replays.increment();
        if (!sameResult) {
            replayMismatches.increment();
        }
    }

    public void restocked() {
        restockReceipts.increment();
    }

    public void searched() {
        searches.increment();
    }

    /** An order placed from the cart (also counted by {@link #orderPlaced}). */
    public void cartCheckedOut() {
        cartCheckouts.increment();
    }

    /** A cart checkout refused with 409 price-changed, then retried at the current prices. */
    public void priceChanged() {
        priceChanges.increment();
    }

    /** A review written by the buyer of a delivered order. */
    public void reviewed() {
        reviews.increment();
    }

    public CheckoutLatencies checkoutLatencies() {
        return checkoutLatencies;
    }

    public TrafficTotals snapshot() {
        return new TrafficTotals(
                sessions.sum(), productViews.sum(), ordersPlaced.sum(), paid.sum(), declined.sum(),
                cancelled.sum(), stockShort.sum(), serverErrors.sum(), ioErrors.sum(), unexpected.sum(),
                replays.sum(), replayMismatches.sum(), restockReceipts.sum(), searches.sum(), cartCheckouts.sum(),
                priceChanges.sum(), reviews.sum());
    }
}
