package dev.streamcart.loadgen.seeding;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a seed wrote, for its last lines of output and for the tests. */
public record SeedReport(long products, long users, long orders, Map<String, Long> ordersByStatus, long rows, long outboxRows,
                  long clicks, long stockReceipts, double seconds) {

    public SeedReport {
        ordersByStatus = Map.copyOf(ordersByStatus);
    }

    public List<String> lines() {
        return List.of(
                String.format(Locale.ROOT, "seeded %,d products, %,d users, %,d orders in %.1f s: %,d rows (%,.0f rows/s), "
                        + "%,d outbox events, %,d click events (%,.0f/s)", products, users, orders, seconds, rows,
                        rows / Math.max(1e-3, seconds), outboxRows, clicks, clicks / Math.max(1e-3, seconds)),
                "orders by status now: " + new TreeMap<>(ordersByStatus),
                String.format(Locale.ROOT, "stock receipts for products that ran out: %,d", stockReceipts));
    }
}
