package dev.streamcart.loadgen.stats;

import java.time.Duration;
import java.util.Locale;

/** The compact lines the simulator prints: one per reporting interval, and the totals at the end. */
public final class StatusLine {

    private StatusLine() {}

    /**
     * One interval: the order rate over the interval, running counters, and the checkout latency
     * percentiles of the interval.
     */
    public static String interval(Duration elapsed, Duration intervalLength, TrafficTotals previous,
            TrafficTotals current, LatencySummary checkout) {
        double seconds = Math.max(intervalLength.toMillis(), 1) / 1000d;
        double ordersPerSecond = (current.ordersPlaced() - previous.ordersPlaced()) / seconds;
        return String.format(Locale.ROOT,
                "loadgen %6ss orders/s=%.1f placed=%d paid=%d declined=%d cancelled=%d 409s=%d cart=%d"
                        + " searches=%d reviews=%d errors=%d%s checkout p50=%s p99=%s",
                elapsed.toSeconds(), ordersPerSecond, current.ordersPlaced(), current.paid(), current.declined(),
                current.cancelled(), current.stockShort(), current.cartCheckouts(), current.searches(),
                current.reviews(), current.errors(), unexpectedPart(current),
                millis(checkout.p50()), millis(checkout.p99()));
    }

    /** The final line, over the whole run. */
    public static String totals(Duration elapsed, TrafficTotals totals, LatencySummary checkout) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000d;
        return String.format(Locale.ROOT,
                "loadgen totals: elapsed=%ss sessions=%d views=%d placed=%d orders/s=%.2f paid=%d declined=%d"
                        + " cancelled=%d 409s=%d errors=%d (5xx=%d io=%d) unexpected=%d replays=%d"
                        + " replay-mismatches=%d restocks=%d searches=%d cart=%d price-changes=%d reviews=%d"
                        + " checkout p50=%s p99=%s",
                elapsed.toSeconds(), totals.sessions(), totals.productViews(), totals.ordersPlaced(),
                totals.ordersPlaced() / seconds, totals.paid(), totals.declined(), totals.cancelled(),
                totals.stockShort(), totals.errors(), totals.serverErrors(), totals.ioErrors(), totals.unexpected(),
                totals.replays(), totals.replayMismatches(), totals.restockReceipts(), totals.searches(),
                totals.cartCheckouts(), totals.priceChanges(), totals.reviews(),
                millis(checkout.p50()), millis(checkout.p99()));
    }

    private static String unexpectedPart(TrafficTotals totals) {
        long other = totals.unexpected() + totals.replayMismatches();
        return other == 0 ? "" : " unexpected=" + totals.unexpected() + " replay-mismatches=" + totals.replayMismatches();
    }

    static String millis(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros < 10_000) {
            return String.format(Locale.ROOT, "%.1fms", micros / 1000d);
        }
        return (micros / 1000) + "ms";
    }
}
