package dev.streamcart.recommender.interactions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Purchases from PostgreSQL (contract 1): the order lines of orders that were paid, whatever
 * happened next (PAID, FULFILLING, SHIPPED, DELIVERED). Read with a
 * partitioned JDBC scan on the order id, so each Spark task reads its own id range.
 */
public final class PurchaseInteractions {

    /** Order statuses that mean "the user bought it". */
    public static final List<String> PURCHASED_STATUSES = List.of("PAID", "FULFILLING", "SHIPPED", "DELIVERED");

    private static final String PURCHASES_WHERE = " FROM orders o JOIN order_items oi ON oi.order_id = o.id WHERE o.status IN ("
            + PURCHASED_STATUSES.stream().map(status -> "'" + status + "'").collect(Collectors.joining(", ")) + ")";

    private PurchaseInteractions() {}

    /**
     * What a cheap aggregate query says about the purchases, before Spark is started to read them.
     *
     * @param lines purchased order lines
     */
    public record Extent(long lines, long minOrderId, long maxOrderId, long maxUserId, long maxProductId,
            Instant from, Instant to) {}

    /** The extent of the purchases, or empty when nobody has bought anything yet. */
    public static Optional<Extent> survey(PostgresSource source) {
        Extent extent = extent(source);
        if (extent.lines() == 0) {
            return Optional.empty();
        }
        return Optional.of(extent);
    }

    /** The order lines of a {@link #survey surveyed} extent, as rows of {@link InteractionEvents#SCHEMA}. */
    public static Dataset<Row> events(SparkSession spark, PostgresSource source, Extent extent, int readPartitions) {
        Dataset<Row> lines = spark.read().jdbc(source.jdbcUrl(),
                "(SELECT o.id AS order_id, o.user_id, oi.product_id, oi.quantity, o.created_at" + PURCHASES_WHERE + ") AS purchases",
                "order_id", extent.minOrderId(), extent.maxOrderId() + 1, readPartitions, source.connectionProperties());
        return lines.select(col("user_id").cast("long").as(Interactions.USER), col("product_id").cast("long").as(Interactions.ITEM),
                lit(Signal.PURCHASE.name()).as(InteractionEvents.SIGNAL), col("quantity").cast("int").as(InteractionEvents.UNITS),
                col("created_at").as(InteractionEvents.AT));
    }

    private static Extent extent(PostgresSource source) {
        String sql = "SELECT count(*), min(o.id), max(o.id), max(o.user_id), max(oi.product_id), min(o.created_at), max(o.created_at)"
                + PURCHASES_WHERE;
        try (Connection connection = source.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long lines = result.getLong(1);
            if (lines == 0) {
                return new Extent(0, 0, 0, 0, 0, Instant.EPOCH, Instant.EPOCH);
            }
            return new Extent(lines, result.getLong(2), result.getLong(3), result.getLong(4), result.getLong(5),
                    result.getTimestamp(6).toInstant(), result.getTimestamp(7).toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read purchases from " + source + ": " + e.getMessage(), e);
        }
    }
}
