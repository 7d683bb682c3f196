package dev.streamcart.serving.payments.risk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/**
 * Velocity counted in PostgreSQL ({@code orders_user_created_idx}, {@code payments_card_fingerprint_idx})
 * on the payment's own connection: a payment never waits for a second pooled connection while it
 * holds one, so a burst of payments cannot starve the pool. A failure is translated as the
 * transaction's own would be: a database that cannot be reached is a retriable 503.
 */
public final class PostgresVelocitySource implements VelocitySource {

    private final Connection connection;

    public PostgresVelocitySource(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public int ordersLast24h(long userId) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) FROM orders WHERE user_id = ? AND created_at > now() - interval '24 hours'")) {
            select.setLong(1, userId);
            return single(select);
        } catch (SQLException e) {
            throw Transactions.translate(e);
        }
    }

    @Override
    public int distinctCardsLast24h(long userId, @Nullable String currentCard) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(DISTINCT fingerprint) FROM (
                    SELECT p.card_fingerprint AS fingerprint FROM payments p JOIN orders o ON o.id = p.order_id
                    WHERE o.user_id = ? AND p.card_fingerprint IS NOT NULL
                      AND p.created_at > now() - interval '24 hours'
                    UNION ALL SELECT CAST(? AS CHAR(64))) cards WHERE fingerprint IS NOT NULL""")) {
            select.setLong(1, userId);
            select.setString(2, currentCard);
            return single(select);
        } catch (SQLException e) {
            throw Transactions.translate(e);
        }
    }

    private static int single(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
