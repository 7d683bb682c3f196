package dev.streamcart.serving.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/** The {@code order_alerts} table (V17): each alert stored once, by its natural key. */
public final class OrderAlertStore {

    public static final String SLA_BREACH = "SLA_BREACH";
    public static final String ANOMALY = "ANOMALY";

    private final Transactions transactions;

    public OrderAlertStore(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Stores the alert unless one with the same natural key exists; true when it is new. */
    static boolean insert(Connection connection, String kind, String naturalKey, long orderId, String detail,
                          Instant raisedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO order_alerts (kind, natural_key, order_id, detail, raised_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (natural_key) DO NOTHING""")) {
            insert.setString(1, kind);
            insert.setString(2, naturalKey);
            insert.setLong(3, orderId);
            insert.setString(4, detail);
            insert.setTimestamp(5, Timestamp.from(raisedAt));
            return insert.executeUpdate() == 1;
        }
    }

    /** The newest alerts first, of one kind or of both. */
    public List<StoredOrderAlert> recent(int limit, @Nullable String kind) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, kind, natural_key, order_id, detail, raised_at, stored_at FROM order_alerts
                    WHERE (?::varchar IS NULL OR kind = ?) ORDER BY raised_at DESC, id DESC LIMIT ?""")) {
                select.setString(1, kind);
                select.setString(2, kind);
                select.setInt(3, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<StoredOrderAlert> alerts = new ArrayList<>();
                    while (rows.next()) {
                        alerts.add(new StoredOrderAlert(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getLong(4), rows.getString(5), rows.getTimestamp(6).toInstant(),
                                rows.getTimestamp(7).toInstant()));
                    }
                    return alerts;
                }
            }
        });
    }
}
