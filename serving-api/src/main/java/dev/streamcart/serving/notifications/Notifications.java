package dev.streamcart.serving.notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** The notifications store: written in the transaction of the change it reports, read per user. */
public final class Notifications {

    public static final int MAX_LISTED = 100;

    private final Transactions transactions;

    public Notifications(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Stores a notification on the caller's connection; it is delivered once that transaction commits. */
    public static void record(Connection connection, long userId, NotificationKind kind, long orderId, String title,
                              String message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO notifications (user_id, kind, order_id, title, message) VALUES (?, ?, ?, ?, ?)""")) {
            insert.setLong(1, userId);
            insert.setString(2, kind.name());
            insert.setLong(3, orderId);
            insert.setString(4, title);
            insert.setString(5, message);
            insert.executeUpdate();
        }
    }

    /** The user's newest notifications first; 404 when the user does not exist. */
    public List<Notification> forUser(long userId) {
        return transactions.read(connection -> {
            try (PreparedStatement user = connection.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
                user.setLong(1, userId);
                try (ResultSet row = user.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.notFound("user", userId);
                    }
                }
            }
            return select(connection, "WHERE user_id = ? ORDER BY id DESC LIMIT " + MAX_LISTED, userId);
        });
    }

    static List<Notification> undelivered(Connection connection, int limit) throws SQLException {
        return select(connection, "WHERE delivered_at IS NULL ORDER BY id LIMIT " + limit, null);
    }

    static void markDelivered(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE notifications SET delivered_at = now() WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    private static List<Notification> select(Connection connection, String where, @Nullable Long parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, user_id, kind, order_id, title, message, created_at FROM notifications " + where)) {
            if (parameter != null) {
                select.setLong(1, parameter);
            }
            List<Notification> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long orderId = row.getLong(4);
                    // wasNull() must follow getLong(4) directly: stock notifications have no order
                    Long order = row.wasNull() ? null : orderId;
                    found.add(new Notification(row.getLong(1), row.getLong(2), row.getString(3),
                            order, row.getString(5), row.getString(6),
                            row.getTimestamp(7).toInstant()));
                }
            }
            return found;
        }
    }

}
