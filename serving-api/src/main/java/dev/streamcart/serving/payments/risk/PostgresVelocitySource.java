package dev.streamcart.serving.payments.risk;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

/** Velocity counted in PostgreSQL ({@code orders_user_created_idx}, {@code payments_card_fingerprint_idx}). */
public final class PostgresVelocitySource implements VelocitySource {

    private final Transactions transactions;

    public PostgresVelocitySource(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public int ordersLast24h(long userId) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM orders WHERE user_id = ? AND created_at > now() - interval '24 hours'")) {
                select.setLong(1, userId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public int distinctCardsLast24h(long userId, @Nullable String currentCard) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT count(DISTINCT fingerprint) FROM (
                        SELECT p.card_fingerprint AS fingerprint FROM payments p JOIN orders o ON o.id = p.order_id
                        WHERE o.user_id = ? AND p.card_fingerprint IS NOT NULL
                          AND p.created_at > now() - interval '24 hours'
                        UNION ALL SELECT CAST(? AS CHAR(64))) cards WHERE fingerprint IS NOT NULL""")) {
                select.setLong(1, userId);
                select.setString(2, currentCard);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }
}
