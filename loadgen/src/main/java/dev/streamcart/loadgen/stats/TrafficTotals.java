package dev.streamcart.loadgen.stats;

/**
 * Counters of a traffic run at one moment. {@code serverErrors} are 5xx answers, {@code ioErrors}
 * requests that got no answer, {@code unexpected} any other status the simulator did not expect
 * (a 4xx other than 402/409). {@code cartCheckouts} are the placed orders that came from a cart,
 * {@code priceChanges} the cart checkouts refused with 409 price-changed (and retried).
 */
public record TrafficTotals(
        long sessions,
        long productViews,
        long ordersPlaced,
        long paid,
        long declined,
        long cancelled,
        long stockShort,
        long serverErrors,
        long ioErrors,
        long unexpected,
        long replays,
        long replayMismatches,
        long restockReceipts,
        long searches,
        long cartCheckouts,
        long priceChanges,
        long reviews) {

    /** Failures of the platform as the brief counts them: 5xx answers and requests without an answer. */
    public long errors() {
        return serverErrors + ioErrors;
    }
}
