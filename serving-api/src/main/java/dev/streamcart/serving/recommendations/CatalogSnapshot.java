package dev.streamcart.serving.recommendations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.serving.db.Transactions;

/**
 * What recommendations need from PostgreSQL beyond the model, refreshed at most every {@code ttl}:
 * the products no longer for sale, and the best sellers (the fallback when no model exists yet).
 */
final class CatalogSnapshot {

    private static final int BEST_SELLERS = 500;

    record BestSeller(long productId, long unitsSold) {}

    private record Snapshot(Set<Long> inactive, List<BestSeller> bestSellers, long takenAtNanos) {}

    private final Transactions transactions;
    private final long ttlNanos;
    private volatile Snapshot snapshot;

    CatalogSnapshot(Transactions transactions, Duration ttl) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ttlNanos = ttl.toNanos();
    }

    Set<Long> inactiveProducts() {
        return fresh().inactive();
    }

    /** Products by units sold in orders that did not fail or get cancelled, most first. */
    List<BestSeller> bestSellers() {
        return fresh().bestSellers();
    }

    private Snapshot fresh() {
        Snapshot current = snapshot;
        if (current != null && System.nanoTime() - current.takenAtNanos() < ttlNanos) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current == null || System.nanoTime() - current.takenAtNanos() >= ttlNanos) {
                current = load();
                snapshot = current;
            }
            return current;
        }
    }

    private Snapshot load() {
        return transactions.read(connection -> {
            Set<Long> inactive = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM products WHERE NOT is_active");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    inactive.add(row.getLong(1));
                }
            }
            List<BestSeller> bestSellers = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT oi.product_id, SUM(oi.quantity) AS units FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE o.status NOT IN ('PAYMENT_FAILED', 'CANCELLED')
                    GROUP BY oi.product_id ORDER BY units DESC, oi.product_id LIMIT ?""")) {
                select.setInt(1, BEST_SELLERS);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        bestSellers.add(new BestSeller(row.getLong(1), row.getLong(2)));
                    }
                }
            }
            return new Snapshot(Set.copyOf(inactive), List.copyOf(bestSellers), System.nanoTime());
        });
    }
}
