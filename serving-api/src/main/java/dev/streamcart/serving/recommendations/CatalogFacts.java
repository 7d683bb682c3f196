package dev.streamcart.serving.recommendations;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recommendations need from PostgreSQL beyond the model: the seller, category and for-sale
 * flag of the products they rank, and the best sellers (recent ones first).
 *
 * <p>Product facts are a bounded cache ({@link #MAX_PRODUCTS}), loaded in batches and at most
 * {@code ttl} old, not a copy of the catalogue: the catalogue grows to millions of products, and a
 * copy reloaded every few seconds was a full table scan every few seconds. The best sellers (a few
 * thousand rows) are a snapshot reloaded in the background once stale, so no request waits for
 * their query; as it aggregates every order line, it runs at most one tenth of the time.
 */
final class CatalogFacts {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogFacts.class);
    private static final int BEST_SELLERS = 2_000;
    /** "Recent" for best sellers: the last week's sales rank first, older sales break ties and fill up. */
    private static final int RECENT_DAYS = 7;
    /** Products whose facts are kept: far more than any ranking walks, far fewer than a catalogue holds. */
    static final int MAX_PRODUCTS = 200_000;
    /** The best-seller query runs at most 1/this of the time (a 2 s query: every 20 s at most). */
    private static final int BEST_SELLERS_DUTY_CYCLE = 10;

    record ProductFacts(long sellerId, long categoryId, boolean active) {}

    record BestSeller(long productId, long categoryId, long unitsSold) {}

    private record BestSellers(List<BestSeller> ranked, long takenAtNanos, long tookNanos) {}

    private final Transactions transactions;
    private final long ttlNanos;
    private final LoadingCache<Long, Optional<ProductFacts>> products;
    private final AtomicBoolean reloading = new AtomicBoolean();
    // one reload at a time; the thread ends when idle, so nothing needs closing
    private final ThreadPoolExecutor reloader = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "recommendations-catalog");
                thread.setDaemon(true);
                return thread;
            });
    private volatile @Nullable BestSellers bestSellers;

    CatalogFacts(Transactions transactions, Duration ttl) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ttlNanos = ttl.toNanos();
        this.products = Caffeine.newBuilder().maximumSize(MAX_PRODUCTS).expireAfterWrite(ttl)
                .build(new ProductFactsLoader());
    }

    /** The product's facts, or null for a product that does not exist (or did not when last loaded). */
    @Nullable ProductFacts product(long productId) {
        return products.get(productId).orElse(null);
    }

    /** Loads, in one query, the facts of those of {@code productIds} not cached yet (before a ranking walks them). */
    void prefetch(Collection<Long> productIds) {
        products.getAll(productIds);
    }

    /** Products by units sold in orders that did not fail or get cancelled, the last week's sales first. */
    List<BestSeller> bestSellers() {
        BestSellers current = bestSellers;
        if (current == null) {
            synchronized (this) {
                current = bestSellers;
                if (current == null) {
                    current = loadBestSellers();
                    bestSellers = current;
                }
                return current.ranked();
            }
        }
        long age = System.nanoTime() - current.takenAtNanos();
        if (age >= Math.max(ttlNanos, current.tookNanos() * BEST_SELLERS_DUTY_CYCLE) && reloading.compareAndSet(false, true)) {
            reloader.execute(() -> {
                try {
                    bestSellers = loadBestSellers();
                } catch (RuntimeException e) {
                    LOG.warn("cannot reload the best sellers for recommendations; the previous ones stay: {}", e.toString());
                } finally {
                    reloading.set(false);
                }
            });
        }
        return current.ranked();
    }

    private BestSellers loadBestSellers() {
        long start = System.nanoTime();
        List<BestSeller> ranked = transactions.read(connection -> {
            List<BestSeller> rows = new ArrayList<>();
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
                        rows.add(new BestSeller(row.getLong(1), row.getLong(2), recent > 0 ? recent : row.getLong(4)));
                    }
                }
            }
            return List.copyOf(rows);
        });
        long now = System.nanoTime();
        return new BestSellers(ranked, now, now - start);
    }

    /** Facts of many products in one query; a product that does not exist is cached as absent too. */
    private final class ProductFactsLoader implements CacheLoader<Long, Optional<ProductFacts>> {

        @Override
        public Optional<ProductFacts> load(Long productId) {
            return loadAll(Set.of(productId)).get(productId);
        }

        @Override
        public Map<Long, Optional<ProductFacts>> loadAll(Set<? extends Long> productIds) {
            Map<Long, Optional<ProductFacts>> loaded = new HashMap<>();
            productIds.forEach(id -> loaded.put(id, Optional.empty()));
            transactions.read(connection -> {
                Array ids = connection.createArrayOf("bigint", productIds.toArray());
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, seller_id, category_id, is_active FROM products WHERE id = ANY (?)")) {
                    select.setArray(1, ids);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            loaded.put(row.getLong(1),
                                    Optional.of(new ProductFacts(row.getLong(2), row.getLong(3), row.getBoolean(4))));
                        }
                    }
                } finally {
                    ids.free();
                }
                return null;
            });
            return loaded;
        }
    }
}
