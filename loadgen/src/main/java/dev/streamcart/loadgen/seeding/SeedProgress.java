package dev.streamcart.loadgen.seeding;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress of a seed on one line every few seconds: orders done out of all, rows and clicks written
 * with their rate, and the time left at the current order rate.
 */
final class SeedProgress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long started;
    private long lastPrinted;
    private long rows;
    private long clicks;
    private long orders;
    private long totalOrders;
    private long ordersStarted;

    SeedProgress(PrintStream out, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.started = nanoClock.getAsLong();
        this.lastPrinted = started;
    }

    void expectOrders(long total) {
        this.totalOrders = total;
        this.ordersStarted = nanoClock.getAsLong();
    }

    void rowsWritten(long count) {
        rows += count;
        maybePrint("catalog");
    }

    void ordersWritten(long count, long rowsOfOrders, long clicksOfOrders) {
        orders += count;
        rows += rowsOfOrders;
        clicks += clicksOfOrders;
        maybePrint("orders");
    }

    long rows() {
        return rows;
    }

    long clicks() {
        return clicks;
    }

    double elapsedSeconds() {
        return (nanoClock.getAsLong() - started) / 1e9;
    }

    private void maybePrint(String phase) {
        long now = nanoClock.getAsLong();
        if (now - lastPrinted >= INTERVAL_NANOS) {
            lastPrinted = now;
            out.println(line(phase));
        }
    }

    String line(String phase) {
        double seconds = Math.max(1e-3, elapsedSeconds());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %6.0fs %-7s rows=%,d (%,.0f/s) clicks=%,d (%,.0f/s)",
                seconds, phase, rows, rows / seconds, clicks, clicks / seconds));
        if (totalOrders > 0) {
            line.append(String.format(Locale.ROOT, " orders=%,d/%,d (%.0f%%)", orders, totalOrders, 100.0 * orders / totalOrders));
            if (orders > 0) {
                double ordersPerSecond = orders / Math.max(1e-3, (nanoClock.getAsLong() - ordersStarted) / 1e9);
                line.append(String.format(Locale.ROOT, " ETA %.0fs", (totalOrders - orders) / ordersPerSecond));
            }
        }
        return line.toString();
    }
}
