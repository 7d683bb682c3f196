package dev.streamcart.loadgen.seeding;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import dev.streamcart.schemas.outbox.OutboxEncoder;

/**
 * Generates a whole marketplace from a seed and hands it to the sinks: catalog, customers, then the
 * order history in batches (each batch one transaction with its stock), each order followed by the
 * clicks that led to it. Every part draws from its own random stream split from the seed, so the
 * same seed, sizes and end of history give the same rows.
 */
final class MarketplaceGenerator {

    static final int ORDERS_PER_BATCH = 2_000;
    static final int MIN_SELLERS = 1_000;
    static final int PRODUCTS_PER_SELLER = 200;
    /** Units an order takes on average (1.5 lines of 1.2 units), with a margin, for sizing the stock. */
    static final double UNITS_PER_ORDER = 2.0;

    private final SeedSize size;
    private final Instant end;
    private final PriceList prices;
    private final String passwordHash;
    private final Supplier<Instant> clickClock;
    private final OutboxEncoder outbox;

    /** {@code outbox}: encodes the seeded outbox events as serving-api does (with the platform's registry). */
    MarketplaceGenerator(SeedSize size, Instant end, PriceList prices, String passwordHash, Supplier<Instant> clickClock,
                         OutboxEncoder outbox) {
        this.size = Objects.requireNonNull(size, "size");
        this.end = Objects.requireNonNull(end, "end");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.clickClock = Objects.requireNonNull(clickClock, "clickClock");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    int sellers() {
        return (int) Math.max(MIN_SELLERS, size.products() / PRODUCTS_PER_SELLER);
    }

    /** The most ids each table can take, to reserve before writing. */
    Map<String, Long> idsNeeded() {
        long orders = size.orders();
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("categories", (long) SeededCatalog.CATEGORY_COUNT);
        ids.put("sellers", (long) sellers());
        ids.put("warehouses", (long) Vocabulary.WAREHOUSES.size());
        ids.put("products", size.products());
        ids.put("inventory", size.products() * SeededCatalog.SLOTS_PER_PRODUCT);
        ids.put("users", size.users());
        ids.put("user_addresses", size.users());
        ids.put("orders", orders);
        ids.put("order_items", orders * OrderRows.MAX_LINES);
        ids.put("stock_reservations", orders * OrderRows.MAX_LINES);
        ids.put("payments", orders);
        ids.put("payment_transactions", orders * 2);
        ids.put("shipments", orders);
        ids.put("shipment_items", orders * OrderRows.MAX_LINES);
        ids.put("tracking_events", orders * 3);
        ids.put("refunds", orders);
        ids.put("refund_items", orders * OrderRows.MAX_LINES);
        ids.put("reviews", orders);
        ids.put("notifications", orders * 4);
        return ids;
    }

    SeedReport generate(IdBlocks ids, RowSink rows, ClickSink clicks, SeedProgress progress) throws SQLException {
        SplittableRandom seed = new SplittableRandom(size.seed());
        SplittableRandom catalogRandom = seed.split();
        SplittableRandom userRandom = seed.split();
        SplittableRandom orderRandom = seed.split();
        SplittableRandom clickRandom = seed.split();
        // Event ids are what consumers deduplicate on: they depend on where the seed's ids start too,
        // so seeding twice with the same --seed adds new events instead of repeating dropped ones
        SplittableRandom eventIdRandom = new SplittableRandom(size.seed() * 0x9E3779B97F4A7C15L + ids.first("orders"));

        SeededCatalog catalog = new SeededCatalog((int) size.products(), sellers(), ids.first("categories"),
                ids.first("sellers"), ids.first("warehouses"), ids.first("products"), ids.first("inventory"));
        catalog.generate(catalogRandom);
        catalog.stock(catalogRandom, Math.round(size.orders() * UNITS_PER_ORDER));
        SeededUsers users = new SeededUsers((int) size.users(), ids.first("users"), ids.first("user_addresses"));
        users.generate(userRandom, catalog.departments);

        // the catalog and the customers were there before the history starts
        Instant openedAt = end.minus(Duration.ofDays(size.days() + 30L));
        new CatalogRows(catalog, rows, openedAt, progress).write();
        new UserRows(users, rows, openedAt.plus(Duration.ofDays(1)), passwordHash, progress).write();
        rows.endOfBatch();

        progress.expectOrders(size.orders());
        OrderHistory history = new OrderHistory(catalog, users, prices, orderRandom, end, size.days(), size.orders(),
                ids.first("orders"));
        OrderRows orderRows = new OrderRows(catalog, users, prices, ids, eventIdRandom, outbox);
        SessionClicks sessions = new SessionClicks(catalog, users, clickRandom, eventIdRandom, clickClock);
        Map<String, Long> byStatus = new HashMap<>();
        long clickCount = 0;
        for (long first = 0; first < size.orders(); first += ORDERS_PER_BATCH) {
            long last = Math.min(size.orders(), first + ORDERS_PER_BATCH);
            List<SeededOrder> batch = new ArrayList<>((int) (last - first));
            for (long index = first; index < last; index++) {
                SeededOrder order = history.next(index);
                batch.add(order);
                byStatus.merge(OrderRows.statusAfter(order).name(), 1L, Long::sum);
            }
            long written = orderRows.write(batch, rows);
            rows.endOfBatch();
            long batchClicks = 0;
            for (SeededOrder order : batch) {
                batchClicks += sessions.send(order, clicks);
            }
            clickCount += batchClicks;
            progress.ordersWritten(batch.size(), written, batchClicks);
        }
        return new SeedReport(size.products(), size.users(), size.orders(), byStatus, progress.rows(),
                orderRows.outboxRows(), clickCount, history.receipts(), progress.elapsedSeconds());
    }
}
