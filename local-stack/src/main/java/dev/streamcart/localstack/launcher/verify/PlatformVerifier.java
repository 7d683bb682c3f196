package dev.streamcart.localstack.launcher.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.CompactedTopicReader;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reconciliation: compares every derived view with PostgreSQL, the source of truth. Each
 * product's stock in {@code stock-levels} (per warehouse and in total) against the
 * {@code inventory} table, and each order's status in {@code order-views} against
 * {@code orders.status}. The topics are read to their end with read_committed, as serving-api
 * reads them.
 *
 * <p>While traffic runs the views trail PostgreSQL by the CDC and stream lag, which the report
 * shows: entries changed within a grace period are reported as in flight instead of compared, and
 * {@link #verifyUntilConsistent} repeats the comparison until everything settled and matches or a
 * time limit passes. On a quiet platform a pass compares everything, exactly.
 *
 * <p>Memory does not grow with objects per entry: the first snapshot and the read models are held
 * as primitive columns sorted by id (each topic record reduced to what is compared as it is read),
 * and the second snapshot is compared while it is walked, never held. 1M products and 2M orders
 * fit in the launcher's 384 MB heap (see local-stack's README).
 */
public final class PlatformVerifier {

    /** How long a topic may deliver nothing before the read fails; a big topic takes longer in total. */
    private static final Duration READ_STALL = Duration.ofSeconds(30);
    private static final Duration BETWEEN_PASSES = Duration.ofSeconds(1);

    private PlatformVerifier() {}

    /**
     * How long after its last change in PostgreSQL an entry must match its view. Changes newer than
     * this are still in flight (CDC and streams take about 0.2 s, seconds under heavy load) and
     * are not compared; on a quiet platform every entry is older.
     */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    /** One comparison pass with {@link #DEFAULT_GRACE}. */
    public static VerificationReport verify(Endpoints endpoints) {
        return verify(endpoints, DEFAULT_GRACE);
    }

    /**
     * One comparison pass: PostgreSQL, then the views, then PostgreSQL again. An entry is compared
     * only when it is the same in both PostgreSQL snapshots and older than {@code grace}: then its
     * view has had the time to catch up and cannot be ahead of PostgreSQL either.
     */
    public static VerificationReport verify(Endpoints endpoints, Duration grace) {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(grace, "grace");
        Map<String, String> settings = endpoints.serviceSettings();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(),
                settings.get(CommonKeys.JDBC_USER), settings.get(CommonKeys.JDBC_PASSWORD))) {
            StatusCodes codes = new StatusCodes();
            PostgresSnapshot before = PostgresSnapshot.read(connection, codes);
            SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl());
            StockLevelTable levels = stockLevels(endpoints.bootstrapServers(), registry);
            OrderStatusTable views = orderStatuses(endpoints.bootstrapServers(), registry, codes);
            Instant settledBefore = before.readAt().minus(grace);
            StockComparison stock = new StockComparison(before.inventory(), levels, settledBefore);
            OrderComparison orders = new OrderComparison(before.statuses(), views, settledBefore, codes);
            // the second snapshot is compared as it is read: it never has to be held
            PostgresReader.read(connection, codes, stock, orders);
            StockComparison.Result stockResult = stock.finish();
            OrderComparison.Result orderResult = orders.finish();
            List<Mismatch> mismatches = new ArrayList<>(stockResult.mismatches());
            mismatches.addAll(orderResult.mismatches());
            return new VerificationReport(stockResult.productsChecked(), stockResult.inFlight(), orderResult.ordersChecked(),
                    orderResult.inFlight(), mismatches, stockResult.mismatchCount() + orderResult.mismatchCount(),
                    PlatformLag.cdcLagBytes(connection), PlatformLag.streamLagRecords(endpoints.bootstrapServers()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL at " + endpoints.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static StockLevelTable stockLevels(String bootstrapServers, SchemaRegistryClient registry) {
        LatestStockLevels latest = new LatestStockLevels();
        readLatest(bootstrapServers, Topics.STOCK_LEVELS.name(), Topics.STOCK_LEVELS.valueSerde(registry).deserializer(),
                StockLevelOf::of, latest);
        return latest.build();
    }

    private static OrderStatusTable orderStatuses(String bootstrapServers, SchemaRegistryClient registry, StatusCodes codes) {
        LatestOrderStatuses latest = new LatestOrderStatuses(codes);
        readLatest(bootstrapServers, Topics.ORDER_VIEWS.name(), Topics.ORDER_VIEWS.valueSerde(registry).deserializer(),
                OrderStatusOf::of, latest);
        return latest.build();
    }

    /**
     * Folds a read-model topic, up to its end now, into {@code sink}. Each value is reduced to what is
     * compared as it is deserialized, so whole records never pile up; keys are the decimal ids of
     * {@code Topics.key}.
     */
    private static <V, R> void readLatest(String bootstrapServers, String topic, Deserializer<V> values, Function<V, R> reduce,
                                          LatestValueSink<R> sink) {
        Deserializer<R> reduced = (name, bytes) -> bytes == null ? null : reduce.apply(values.deserialize(name, bytes));
        CompactedTopicReader.readToEnd(bootstrapServers, topic, reduced, READ_STALL, (key, value) -> {
            long id = id(topic, key);
            if (value == null) {
                sink.remove(id);
            } else {
                sink.put(id, value);
            }
        });
    }

    private static long id(String topic, String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(topic + " has a record whose key is not an id: " + key, e);
        }
    }

    /**
     * Passes until one matches with nothing in flight, or {@code patience} has passed; returns the
     * last. Views that merely trail catch up meanwhile, while a real divergence persists and is
     * reported. On a quiet platform a patience longer than the grace ends with a complete comparison.
     */
    public static VerificationReport verifyUntilConsistent(Endpoints endpoints, Duration grace, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        VerificationReport report = verify(endpoints, grace);
        while (!(report.consistent() && report.complete()) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(BETWEEN_PASSES.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report;
            }
            report = verify(endpoints, grace);
        }
        return report;
    }
}
