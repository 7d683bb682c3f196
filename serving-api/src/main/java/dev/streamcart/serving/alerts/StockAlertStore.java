package dev.streamcart.serving.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/**
 * The {@code stock_alerts} table. Each alert is stored once: its natural identity (product, type,
 * WAL position) is unique and a repeated insert does nothing, so re-delivery after a crash between
 * the database commit and the Kafka offset commit changes nothing.
 */
public final class StockAlertStore {

    private final Transactions transactions;

    public StockAlertStore(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Stores {@code alert} on the caller's connection with the product's seller; returns the stored
     * row's seller lookup when it was new, empty when this alert was already stored.
     */
    static Optional<NewAlert> insert(Connection connection, StockAlert alert) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO stock_alerts (product_id, seller_id, alert_type, available, on_hand, low_stock_threshold,
                                          reorder_point, suggested_quantity, units_per_day, source_lsn, raised_at)
                SELECT ?, (SELECT seller_id FROM products WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?
                ON CONFLICT ON CONSTRAINT stock_alerts_natural_identity DO NOTHING
                RETURNING id, seller_id""")) {
            insert.setLong(1, alert.getProductId());
            insert.setLong(2, alert.getProductId());
            insert.setString(3, alert.getType().name());
            insert.setInt(4, alert.getAvailable());
            insert.setInt(5, alert.getOnHand());
            insert.setInt(6, alert.getLowStockThreshold());
            insert.setInt(7, alert.getReorderPoint());
            if (alert.getSuggestedQuantity() == null) {
                insert.setNull(8, Types.INTEGER);
            } else {
                insert.setInt(8, alert.getSuggestedQuantity());
            }
            insert.setBigDecimal(9, BigDecimal.valueOf(alert.getUnitsPerDay()).setScale(3, RoundingMode.HALF_UP));
            insert.setLong(10, alert.getSourceLsn());
            insert.setTimestamp(11, Timestamp.from(alert.getRaisedAt()));
            try (ResultSet row = insert.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long sellerId = row.getLong(2);
                return Optional.of(new NewAlert(row.getLong(1), row.wasNull() ? null : sellerId));
            }
        }
    }

    /** A freshly stored alert: its row id and the seller it concerns (null when the product is unknown). */
    record NewAlert(long id, @Nullable Long sellerId) {}

    /** The newest alerts first (by the time they were raised), of one seller's products or, when null, of all. */
    public List<StoredStockAlert> recent(int limit, @Nullable Long sellerId) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, product_id, seller_id, alert_type, available, on_hand, low_stock_threshold, reorder_point,
                           suggested_quantity, units_per_day, source_lsn, raised_at, received_at
                    FROM stock_alerts WHERE (CAST(? AS BIGINT) IS NULL OR seller_id = ?)
                    ORDER BY raised_at DESC, id DESC LIMIT ?""")) {
                if (sellerId == null) {
                    select.setNull(1, Types.BIGINT);
                    select.setNull(2, Types.BIGINT);
                } else {
                    select.setLong(1, sellerId);
                    select.setLong(2, sellerId);
                }
                select.setInt(3, limit);
                List<StoredStockAlert> found = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(read(row));
                    }
                }
                return found;
            }
        });
    }

    private static StoredStockAlert read(ResultSet row) throws SQLException {
        long productId = row.getLong("product_id");
        long sellerId = row.getLong("seller_id");
        Long seller = row.wasNull() ? null : sellerId;
        int suggested = row.getInt("suggested_quantity");
        Integer suggestedQuantity = row.wasNull() ? null : suggested;
        String type = row.getString("alert_type");
        long sourceLsn = row.getLong("source_lsn");
        return new StoredStockAlert(row.getLong("id"), productId + "-" + type + "-" + sourceLsn, productId, seller, type,
                row.getInt("available"), row.getInt("on_hand"), row.getInt("low_stock_threshold"),
                row.getInt("reorder_point"), suggestedQuantity, row.getBigDecimal("units_per_day"), sourceLsn,
                row.getTimestamp("raised_at").toInstant(), row.getTimestamp("received_at").toInstant());
    }
}
