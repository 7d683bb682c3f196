package dev.streamcart.serving.cart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Rows of {@code shopping_carts} and {@code cart_items}, on the caller's connection. Every change
 * first locks the user's cart row ({@link #lockOrCreate}), so concurrent changes of one cart run one
 * after the other (the one-currency rule is checked under that lock) and every change pushes the
 * expiry 30 days ahead. An expired cart is deleted, with its items, before it would be read or changed.
 */
final class CartRepository {

    static final Duration TIME_TO_LIVE = Duration.ofDays(30);

    /** Lazy expiry: removes the user's cart when it expired; true when one was removed. */
    boolean deleteIfExpired(Connection connection, long userId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM shopping_carts WHERE user_id = ? AND expires_at <= now()")) {
            delete.setLong(1, userId);
            return delete.executeUpdate() > 0;
        }
    }

    /** The id of the user's cart, created when absent, locked until the transaction ends. */
    long lockOrCreate(Connection connection, long userId) throws SQLException {
        deleteIfExpired(connection, userId);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO shopping_carts (user_id, expires_at) VALUES (?, now() + make_interval(days => ?))
                ON CONFLICT (user_id) DO NOTHING""")) {
            insert.setLong(1, userId);
            insert.setInt(2, (int) TIME_TO_LIVE.toDays());
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM shopping_carts WHERE user_id = ? FOR UPDATE")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Marks a change: the cart lives another 30 days from now. */
    void touch(Connection connection, long cartId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE shopping_carts SET updated_at = now(), expires_at = now() + make_interval(days => ?)
                WHERE id = ?""")) {
            update.setInt(1, (int) TIME_TO_LIVE.toDays());
            update.setLong(2, cartId);
            update.executeUpdate();
        }
    }

    /** The user's cart unless absent or expired (an expired one is never returned). */
    Optional<Cart> find(Connection connection, long userId) throws SQLException {
        long cartId;
        Timestamp updatedAt;
        Timestamp expiresAt;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, updated_at, expires_at FROM shopping_carts WHERE user_id = ? AND expires_at > now()")) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                cartId = row.getLong(1);
                updatedAt = row.getTimestamp(2);
                expiresAt = row.getTimestamp(3);
            }
        }
        return Optional.of(new Cart(userId, lines(connection, cartId), updatedAt.toInstant(), expiresAt.toInstant()));
    }

    List<CartLine> lines(Connection connection, long cartId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT ci.product_id, p.seller_id, p.category_id, p.name, ci.quantity, ci.unit_price, ci.currency,
                       p.price, p.currency, p.is_active, ci.saved_for_later, ci.added_at
                FROM cart_items ci JOIN products p ON p.id = ci.product_id
                WHERE ci.cart_id = ? ORDER BY ci.added_at, ci.id""")) {
            select.setLong(1, cartId);
            List<CartLine> lines = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    lines.add(new CartLine(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4), row.getInt(5),
                            row.getBigDecimal(6), row.getString(7).trim(), row.getBigDecimal(8), row.getString(9).trim(),
                            row.getBoolean(10), row.getBoolean(11), row.getTimestamp(12).toInstant()));
                }
            }
            return lines;
        }
    }

    /** The A/B variant each line (not saved for later) was added from, for the lines that have one. */
    Map<Long, String> recommendationVariants(Connection connection, long cartId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT product_id, recommendation_variant FROM cart_items
                WHERE cart_id = ? AND NOT saved_for_later AND recommendation_variant IS NOT NULL""")) {
            select.setLong(1, cartId);
            Map<Long, String> variants = new HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    variants.put(row.getLong(1), row.getString(2));
                }
            }
            return variants;
        }
    }

    /** Adds a product or replaces its line (quantity, price, currency, back in the cart). */
    void upsert(Connection connection, long cartId, long productId, int quantity, BigDecimal unitPrice, String currency,
                @Nullable String recommendationVariant) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO cart_items (cart_id, product_id, quantity, unit_price, currency, recommendation_variant)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity,
                    unit_price = EXCLUDED.unit_price, currency = EXCLUDED.currency, saved_for_later = FALSE,
                    recommendation_variant = COALESCE(cart_items.recommendation_variant,
                                                      EXCLUDED.recommendation_variant),
                    updated_at = now()""")) {
            upsert.setLong(1, cartId);
            upsert.setLong(2, productId);
            upsert.setInt(3, quantity);
            upsert.setBigDecimal(4, unitPrice);
            upsert.setString(5, currency);
            upsert.setString(6, recommendationVariant);
            upsert.executeUpdate();
        }
    }

    /** Runs an UPDATE or DELETE on one line ({@code ?1} cart id, {@code ?2} product id, then extras); rows changed. */
    int changeLine(Connection connection, String sql, long cartId, long productId, Object... extras) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object extra : extras) {
                statement.setObject(index++, extra);
            }
            statement.setLong(index++, cartId);
            statement.setLong(index, productId);
            return statement.executeUpdate();
        }
    }

    /** Confirms the current prices of every line; returns how many lines changed. */
    int refreshPrices(Connection connection, long cartId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE cart_items ci SET unit_price = p.price, currency = p.currency, updated_at = now()
                FROM products p
                WHERE p.id = ci.product_id AND ci.cart_id = ?
                  AND (ci.unit_price <> p.price OR ci.currency <> p.currency)""")) {
            update.setLong(1, cartId);
            return update.executeUpdate();
        }
    }

    /** After checkout: the bought lines leave the cart; saved-for-later lines stay. */
    void removeBought(Connection connection, long cartId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM cart_items WHERE cart_id = ? AND NOT saved_for_later")) {
            delete.setLong(1, cartId);
            delete.executeUpdate();
        }
    }
}
