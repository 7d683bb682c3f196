package dev.streamcart.serving.recommendations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.serving.db.Transactions;

/**
 * Products a user already bought (items of their orders that did not fail or get cancelled), from
 * PostgreSQL, cached briefly: a purchase shows up in recommendations within {@code ttl}.
 */
final class PurchaseHistory {

    private static final int MAX_CACHED_USERS = 50_000;

    private record Cached(Set<Long> products, long expiresAtNanos) {}

    private final Transactions transactions;
    private final long ttlNanos;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    PurchaseHistory(Transactions transactions, Duration ttl) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ttlNanos = ttl.toNanos();
    }

    Set<Long> boughtBy(long userId) {
        long now = System.nanoTime();
        Cached cached = cache.get(userId);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return cached.products();
        }
        Set<Long> products = load(userId);
        if (cache.size() >= MAX_CACHED_USERS) {
            cache.clear(); // crude bound; a full reload costs one query per active user
        }
        cache.put(userId, new Cached(products, now + ttlNanos));
        return products;
    }

    private Set<Long> load(long userId) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT DISTINCT oi.product_id FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE o.user_id = ? AND o.status NOT IN ('PAYMENT_FAILED', 'CANCELLED')""")) {
                select.setLong(1, userId);
                Set<Long> products = new HashSet<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        products.add(row.getLong(1));
                    }
                }
                return Set.copyOf(products);
            }
        });
    }
}
