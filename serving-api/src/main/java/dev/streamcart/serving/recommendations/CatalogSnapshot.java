package dev.streamcart.serving.recommendations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recommendations need from PostgreSQL beyond the model: each product's seller, category and
 * whether it is for sale, and the best sellers (recent ones first). At most {@code ttl} old: the
 * first request loads it; after that a request that finds it stale starts a reload in the
 * background and is answered from the previous snapshot, so no request ever waits for the
 * catalog query (100k products take tens of milliseconds).
 */
final class CatalogSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSnapshot.class);
    private static final int BEST_SELLERS = 2_000;
    /** "Recent" for best sellers: the last week's sales rank first, older sales break ties and fill up. */
    private static final int RECENT_DAYS = 7;

    record ProductFacts(long sellerId, long categoryId, boolean active) {}

    record BestSeller(long productId, long categoryId, long unitsSold) {}

    private record Snapshot(Map<Long, ProductFacts> products, List<BestSeller> bestSellers, long takenAtNanos) {}

    private final Transactions transactions;
    private final long ttlNanos;
    private final AtomicBoolean reloading = new AtomicBoolean();
    // one reload at a time; the thread ends when idle, so nothing needs closing
    private final ThreadPoolExecutor reloader = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "recommendations-catalog");
                thread.setDaemon(true);
                return thread;
            });
    private volatile @Nullable Snapshot snapshot;

    CatalogSnapshot(Transactions transactions, Duration ttl) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ttlNanos = ttl.toNanos();
    }

    /** The product's facts, or null for a product that does not exist (or did not when last loaded). */
    @Nullable ProductFacts product(long productId) {
        return fresh().products().get(productId);
    }

    /** Products by units sold in orders that did not fail or get cancelled, the last week's sales first. */
    List<BestSeller> bestSellers() {
        return fresh().bestSellers();
    }

    private Snapshot fresh() {
        Snapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                current = snapshot;
                if (current == null) {
                    current = load();
                    snapshot = current;
                }
                return current;
            }
        }
        if (System.nanoTime() - current.takenAtNanos() >= ttlNanos && reloading.compareAndSet(false, true)) {
            reloader.execute(() -> {
                try {
                    snapshot = load();
                } catch (RuntimeException e) {
                    LOG.warn("cannot reload the catalog for recommendations; the previous one stays: {}", e.toString());
                } finally {
                    reloading.set(false);
                }
            });
        }
        return current;
    }

    private Snapshot load() {
        return transactions.read(connection -> {
            Map<Long, ProductFacts> products = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, seller_id, category_id, is_active FROM products")) {
                select.setFetchSize(10_000);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        products.put(row.getLong(1), new ProductFacts(row.getLong(2), row.getLong(3), row.getBoolean(4)));
                    }
                }
            }
            List<BestSeller> bestSellers = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT oi.product_id, MIN(oi.category_id),
                           COALESCE(SUM(oi.quantity) FILTER (WHERE o.created_at > now() - make_interval(days => ?)), 0)
                               AS recent,
                           SUM(oi.quantity) AS units
                    FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE o.status NOT IN ('PAYMENT_FAILED', 'CANCELLED')
                    GROUP BY oi.product_id ORDER BY recent DESC, units DESC, oi.product_id LIMIT ?""")) {
                select.setInt(1, RECENT_DAYS);
                select.setInt(2, BEST_SELLERS);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        long recent = row.getLong(3);
                        bestSellers.add(new BestSeller(row.getLong(1), row.getLong(2), recent > 0 ? recent : row.getLong(4)));
                    }
                }
            }
            return new Snapshot(Map.copyOf(products), List.copyOf(bestSellers), System.nanoTime());
        });
    }
}
