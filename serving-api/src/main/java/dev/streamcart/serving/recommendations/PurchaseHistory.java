package dev.streamcart.serving.recommendations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/**
 * What PostgreSQL knows of a user's taste: the products they bought (items of orders that did not
 * fail or get cancelled), and their favourite categories: those of their purchases and those they
 * chose in {@code user_preferences}. Cached per user until the user's orders change (an order view
 * arriving from order-streams, {@link #orderChanged}) or their preferences do ({@link #forget}),
 * and at most {@code ttl}: with Kafka the events keep it fresh and the TTL is only a safety net;
 * without Kafka the TTL alone bounds how stale a purchase can be.
 */
public final class PurchaseHistory {

    private static final int MAX_CACHED_USERS = 200_000;

    /** A user's purchases and favourite categories. */
    record Taste(Set<Long> bought, Set<Long> favouriteCategories) {}

    private record Cached(Taste taste, long expiresAtNanos) {}

    private final Transactions transactions;
    private final long ttlNanos;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    public PurchaseHistory(Transactions transactions, Duration ttl) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ttlNanos = ttl.toNanos();
    }

    /** Drops what is cached of the user: the next request reads PostgreSQL. */
    public void forget(long userId) {
        cache.remove(userId);
    }

    /** An order view changed (order-streams' {@code order-views}): its buyer's purchases may have. */
    public void orderChanged(String orderKey, @Nullable OrderView view) {
        if (view != null) {
            forget(view.getUserId());
        }
    }

    Set<Long> boughtBy(long userId) {
        return tasteOf(userId).bought();
    }

    Taste tasteOf(long userId) {
        long now = System.nanoTime();
        Cached cached = cache.get(userId);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return cached.taste();
        }
        Taste taste = load(userId);
        if (cache.size() >= MAX_CACHED_USERS) {
            cache.clear(); // crude bound; a full reload costs one query per active user
        }
        cache.put(userId, new Cached(taste, now + ttlNanos));
        return taste;
    }

    // one round trip: this runs for every user not seen in the last few seconds
    private Taste load(long userId) {
        return transactions.read(connection -> {
            Set<Long> products = new HashSet<>();
            Set<Long> categories = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT DISTINCT oi.product_id, oi.category_id FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE o.user_id = ? AND o.status NOT IN ('PAYMENT_FAILED', 'CANCELLED')
                    UNION ALL
                    SELECT NULL, unnest(favourite_category_ids) FROM user_preferences WHERE user_id = ?""")) {
                select.setLong(1, userId);
                select.setLong(2, userId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        long product = row.getLong(1);
                        if (!row.wasNull()) {
                            products.add(product);
                        }
                        categories.add(row.getLong(2));
                    }
                }
            }
            return new Taste(Set.copyOf(products), Set.copyOf(categories));
        });
    }
}
