package dev.streamcart.serving.analytics;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.ReadModelUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code analytics.inventory-accuracy.interval}, compares the stock of the next
 * {@value #PRODUCTS_PER_CHECK} products (by id, wrapping round at the end of the catalogue) in the
 * real-time read model (inventory-streams' view, asked of its owner) with PostgreSQL's
 * {@code inventory} rows, per warehouse (on hand and reserved), and records the result in
 * ClickHouse's {@code inventory_accuracy}; the same comparison as {@code ./platform verify}. A
 * check costs the same whatever the catalogue's size, and successive checks cover all of it.
 * Products whose rows changed within the grace period are still in flight through CDC and the
 * stream app, so they are left out of that check rather than counted as mismatches.
 */
public final class InventoryAccuracyCheck implements AutoCloseable {

    public static final String INTERVAL_KEY = "analytics.inventory-accuracy.interval";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(5);
    static final int PRODUCTS_PER_CHECK = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryAccuracyCheck.class);

    /** One check's outcome. */
    public record Result(Instant checkedAt, int productsChecked, int mismatches, int inFlight) {}

    private record Stock(int onHand, int reserved) {}

    private final Transactions transactions;
    private final ReadModel<StockLevel> stockLevels;
    private final ClickHouseClient clickHouse;
    private final Clock clock;
    /** The highest product id the last check covered; 0 starts again from the first product. */
    private long cursor;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inventory-accuracy-check");
        thread.setDaemon(true);
        return thread;
    });

    public InventoryAccuracyCheck(Transactions transactions, ReadModel<StockLevel> stockLevels,
                                  ClickHouseClient clickHouse, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.stockLevels = Objects.requireNonNull(stockLevels, "stockLevels");
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Parses the interval: whole seconds ("30") or an ISO-8601 duration ("PT30S"). */
    public static Duration interval(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        String value = raw.trim();
        Duration interval = value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                : Duration.parse(value);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(INTERVAL_KEY + " must be positive, was '" + raw + "'");
        }
        return interval;
    }

    public InventoryAccuracyCheck start(Duration interval) {
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                checkNow();
            } catch (ReadModelUnavailableException e) {
                LOG.info("inventory accuracy check skipped: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("inventory accuracy check failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Compares the next products now and records the result in ClickHouse. */
    public synchronized Result checkNow() {
        Instant now = Instant.now(clock);
        Instant settled = now.minus(IN_FLIGHT_GRACE);
        TreeMap<Long, Map<Long, Stock>> expected = new TreeMap<>();
        Map<Long, Boolean> recent = new TreeMap<>();
        long after = cursor;
        transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT product_id, warehouse_id, quantity, reserved_quantity, updated_at FROM inventory
                    WHERE product_id IN (SELECT DISTINCT product_id FROM inventory WHERE product_id > ?
                                         ORDER BY product_id LIMIT ?)""")) {
                select.setLong(1, after);
                select.setInt(2, PRODUCTS_PER_CHECK);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        long productId = row.getLong(1);
                        expected.computeIfAbsent(productId, id -> new TreeMap<>())
                                .put(row.getLong(2), new Stock(row.getInt(3), row.getInt(4)));
                        Timestamp updated = row.getTimestamp(5);
                        if (updated != null && updated.toInstant().isAfter(settled)) {
                            recent.put(productId, true);
                        }
                    }
                }
            }
            return null;
        });
        int checked = 0;
        int mismatches = 0;
        for (Map.Entry<Long, Map<Long, Stock>> product : expected.entrySet()) {
            if (recent.containsKey(product.getKey())) {
                continue;
            }
            checked++;
            if (!matches(product.getValue(), stockLevels.get(Topics.key(product.getKey())))) {
                mismatches++;
            }
        }
        // only a check that completed moves on: one the view could not answer is repeated
        cursor = expected.size() < PRODUCTS_PER_CHECK ? 0 : expected.lastKey();
        Result result = new Result(now, checked, mismatches, recent.size());
        clickHouse.execute("INSERT INTO " + clickHouse.qualified("inventory_accuracy")
                + " (checked_at, products_checked, mismatches, version) VALUES (toDateTime(" + now.getEpochSecond()
                + "), " + checked + ", " + mismatches + ", " + now.toEpochMilli() + ")");
        return result;
    }

    private static boolean matches(Map<Long, Stock> rows, @Nullable StockLevel level) {
        if (level == null) {
            return false;
        }
        Map<Long, Stock> derived = new TreeMap<>();
        for (WarehouseStock warehouse : level.getWarehouses()) {
            derived.put(warehouse.getWarehouseId(), new Stock(warehouse.getOnHand(), warehouse.getReserved()));
        }
        int onHand = rows.values().stream().mapToInt(Stock::onHand).sum();
        int reserved = rows.values().stream().mapToInt(Stock::reserved).sum();
        return derived.equals(rows) && level.getOnHand() == onHand && level.getReserved() == reserved;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
