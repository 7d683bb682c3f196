package dev.streamcart.analytics.kpi;

/**
 * Epoch milliseconds of an order's fulfilment steps, 0 = not reached (yet).
 */
public record FulfilmentTimes(long paidAtMillis, long shippedAtMillis, long deliveredAtMillis) {

    static final FulfilmentTimes NONE = new FulfilmentTimes(0, 0, 0);

    /** How many steps are known: the row's version. */
    long stepsKnown() {
        return (paidAtMillis > 0 ? 1 : 0) + (shippedAtMillis > 0 ? 1 : 0) + (deliveredAtMillis > 0 ? 1 : 0);
    }
}
