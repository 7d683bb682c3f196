package dev.streamcart.localstack.launcher.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The verifier's in-memory work at scale, without PostgreSQL and Kafka: a first snapshot of
 * {@code products} products (two warehouses each) and {@code orders} orders, the two read models
 * folded from Avro-encoded records (every order twice and a fifth of the products twice, as a
 * compacted topic that compaction has not caught up with holds them), then the second snapshot
 * walked and compared. Prints each phase's time, the structures' sizes and the heap's peak; exits
 * 1 unless everything matches. Run in a JVM with a small {@code -Xmx} it shows the verifier fits.
 *
 * <p>{@code java -Xmx384m -XX:+UseSerialGC -cp ... VerifyFootprintMain 1000000 2000000}
 */
public final class VerifyFootprintMain {

    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant SETTLED_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final OrderStatus[] FINAL = {OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED,
            OrderStatus.CANCELLED, OrderStatus.REFUNDED};

    private VerifyFootprintMain() {}

    public static void main(String[] args) {
        int products = Integer.parseInt(args[0]);
        int orders = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        StatusCodes codes = new StatusCodes();

        long phase = System.nanoTime();
        StockTable.Builder inventory = new StockTable.Builder();
        ProductRows rows = new ProductRows();
        for (long id = 1; id <= products; id++) {
            inventory.add(rowsOf(id, rows));
        }
        OrderStatusTable.Builder statuses = new OrderStatusTable.Builder();
        for (long id = 1; id <= orders; id++) {
            statuses.add(id, codes.code(finalStatus(id).name()));
        }
        PostgresSnapshot before = new PostgresSnapshot(SETTLED_BEFORE, inventory.build(), statuses.build());
        report("first snapshot", phase, before.retainedBytes());

        phase = System.nanoTime();
        Codec<StockLevel> stockCodec = new Codec<>(StockLevel.class);
        LatestStockLevels latestLevels = new LatestStockLevels();
        for (long id = 1; id <= products; id++) {
            if (id % 5 == 0) {
                latestLevels.put(id, stockCodec.roundTrip(level(id, 1), StockLevelOf::of));   // an older version
            }
            latestLevels.put(id, stockCodec.roundTrip(level(id, 0), StockLevelOf::of));
        }
        long foldBytes = latestLevels.retainedBytes();
        StockLevelTable levels = latestLevels.build();
        latestLevels = null;
        report("stock-levels (" + (products + products / 5) + " records)", phase, levels.retainedBytes());
        System.out.printf(Locale.ROOT, "  while folding: %.1f MB%n", foldBytes / 1e6);

        phase = System.nanoTime();
        Codec<OrderView> viewCodec = new Codec<>(OrderView.class);
        LatestOrderStatuses latestViews = new LatestOrderStatuses(codes);
        for (long id = 1; id <= orders; id++) {
            latestViews.put(id, viewCodec.roundTrip(view(id, OrderStatus.PENDING_PAYMENT), OrderStatusOf::of));
        }
        for (long id = 1; id <= orders; id++) {
            latestViews.put(id, viewCodec.roundTrip(view(id, finalStatus(id)), OrderStatusOf::of));
        }
        foldBytes = latestViews.retainedBytes();
        OrderStatusTable views = latestViews.build();
        latestViews = null;
        report("order-views (" + 2L * orders + " records)", phase, views.retainedBytes());
        System.out.printf(Locale.ROOT, "  while folding: %.1f MB%n", foldBytes / 1e6);

        phase = System.nanoTime();
        StockComparison stock = new StockComparison(before.inventory(), levels, SETTLED_BEFORE);
        OrderComparison orderComparison = new OrderComparison(before.statuses(), views, SETTLED_BEFORE, codes);
        for (long id = 1; id <= products; id++) {
            stock.product(rowsOf(id, rows), LONG_AGO);
        }
        for (long id = 1; id <= orders; id++) {
            orderComparison.order(id, codes.code(finalStatus(id).name()), LONG_AGO);
        }
        StockComparison.Result stockResult = stock.finish();
        OrderComparison.Result orderResult = orderComparison.finish();
        report("second snapshot walked and compared", phase, 0);

        System.out.printf(Locale.ROOT, "total %.1f s; products checked %d, orders checked %d, %d mismatches%n",
                (System.nanoTime() - start) / 1e9, stockResult.productsChecked(), orderResult.ordersChecked(),
                stockResult.mismatchCount() + orderResult.mismatchCount());
        System.out.printf(Locale.ROOT, "heap: max %d MB, peak of the old generation %.1f MB%n",
                Runtime.getRuntime().maxMemory() >> 20, oldGenerationPeak() / 1e6);
        boolean exact = stockResult.productsChecked() == products && orderResult.ordersChecked() == orders
                && stockResult.mismatchCount() == 0 && orderResult.mismatchCount() == 0;
        System.exit(exact ? 0 : 1);
    }

    private static ProductRows rowsOf(long productId, ProductRows rows) {
        return rows.reset(productId).add(1, onHand(productId, 1), reserved(productId, 1))
                .add(2, onHand(productId, 2), reserved(productId, 2));
    }

    private static int onHand(long productId, int warehouse) {
        return (int) (productId * 7 + warehouse * 13) % 500;
    }

    private static int reserved(long productId, int warehouse) {
        return onHand(productId, warehouse) / (3 + warehouse);
    }

    /** {@code older} shifts the stock, as a version the topic still holds from before the last change. */
    private static StockLevel level(long productId, int older) {
        int onHand = 0;
        int reserved = 0;
        WarehouseStock[] warehouses = new WarehouseStock[2];
        for (int warehouse = 1; warehouse <= 2; warehouse++) {
            int warehouseOnHand = onHand(productId, warehouse) + older;
            int warehouseReserved = reserved(productId, warehouse);
            warehouses[warehouse - 1] = WarehouseStock.newBuilder().setWarehouseId(warehouse).setOnHand(warehouseOnHand)
                    .setReserved(warehouseReserved).setAvailable(warehouseOnHand - warehouseReserved).setSourceLsn(productId)
                    .setLowStockThreshold(10).setReorderPoint(5).build();
            onHand += warehouseOnHand;
            reserved += warehouseReserved;
        }
        return StockLevel.newBuilder().setProductId(productId).setOnHand(onHand).setReserved(reserved)
                .setAvailable(onHand - reserved).setWarehouses(List.of(warehouses)).setUpdatedAt(LONG_AGO)
                .setUnitsLast24h(3).setUnitsLast7d(12).setUnitsPerDay(1.7).setDaysOfCover(40.0).build();
    }

    private static OrderStatus finalStatus(long orderId) {
        return FINAL[(int) (orderId % FINAL.length)];
    }

    /** A view as order-streams writes one: two items and a status history. */
    private static OrderView view(long orderId, OrderStatus status) {
        List<OrderLine> items = List.of(line(orderId), line(orderId + 1));
        List<StatusChange> history = List.of(
                StatusChange.newBuilder().setStatus(OrderStatus.PENDING_PAYMENT).setAt(LONG_AGO).setEventId("evt-" + orderId + "-1").build(),
                StatusChange.newBuilder().setStatus(status).setAt(LONG_AGO).setEventId("evt-" + orderId + "-2").build());
        return OrderView.newBuilder().setOrderId(orderId).setUserId(orderId % 50_000).setStatus(status).setTotalCents(4_999)
                .setCurrency("USD").setItems(items).setHistory(history).setUpdatedAt(LONG_AGO).build();
    }

    private static OrderLine line(long seed) {
        return OrderLine.newBuilder().setProductId(seed % 1_000_000).setSellerId(seed % 1_000).setCategoryId(seed % 1_200)
                .setQuantity(1).setUnitPriceCents(2_499).build();
    }

    private static void report(String what, long since, long retainedBytes) {
        System.out.printf(Locale.ROOT, "%-45s %6.1f s%s%n", what, (System.nanoTime() - since) / 1e9,
                retainedBytes == 0 ? "" : String.format(Locale.ROOT, "  holds %.1f MB", retainedBytes / 1e6));
    }

    private static long oldGenerationPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP
                        && (pool.getName().contains("Old") || pool.getName().contains("Tenured")))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).max().orElse(-1);
    }

    /** Avro binary in and out, as the records travel through Kafka: the decoded record lives only until it is reduced. */
    private static final class Codec<T extends SpecificRecord> {

        private final SpecificDatumWriter<T> writer;
        private final SpecificDatumReader<T> reader;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;

        Codec(Class<T> type) {
            writer = new SpecificDatumWriter<>(type);
            reader = new SpecificDatumReader<>(type);
        }

        <R> R roundTrip(T record, Function<T, R> reduce) {
            try {
                buffer.reset();
                encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
                writer.write(record, encoder);
                encoder.flush();
                byte[] bytes = buffer.toByteArray();
                decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
                return reduce.apply(reader.read(null, decoder));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
