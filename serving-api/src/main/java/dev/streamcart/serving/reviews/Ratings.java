package dev.streamcart.serving.reviews;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keeps {@code products.rating_avg/rating_count} and {@code sellers.rating_average/rating_count}
 * equal to their reviews, inside the transaction that changed a review. The averages are recomputed
 * from the reviews, not nudged, so they cannot drift.
 *
 * <p>Concurrency: the caller holds the product row lock (taken before it touched the review), and
 * this takes the seller row lock before reading the seller's reviews, always product first, then
 * seller. Under READ COMMITTED each statement sees what committed before it started, so once a
 * transaction holds a lock it sees every review committed by the transactions that held it before.
 */
final class Ratings {

    private Ratings() {}

    /** Locks the product row, the first lock of every review change. */
    static boolean lockProduct(Connection connection, long productId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM products WHERE id = ? FOR NO KEY UPDATE")) {
            lock.setLong(1, productId);
            try (ResultSet row = lock.executeQuery()) {
                return row.next();
            }
        }
    }

    static void refresh(Connection connection, long productId) throws SQLException {
        try (PreparedStatement product = connection.prepareStatement("""
                UPDATE products SET (rating_avg, rating_count) =
                    (SELECT round(avg(rating), 2), count(*) FROM reviews WHERE product_id = ?)
                WHERE id = ?""")) {
            product.setLong(1, productId);
            product.setLong(2, productId);
            product.executeUpdate();
        }
        try (PreparedStatement lockSeller = connection.prepareStatement("""
                SELECT 1 FROM sellers WHERE id = (SELECT seller_id FROM products WHERE id = ?) FOR NO KEY UPDATE""")) {
            lockSeller.setLong(1, productId);
            lockSeller.executeQuery().close();
        }
        try (PreparedStatement seller = connection.prepareStatement("""
                UPDATE sellers s SET (rating_average, rating_count) =
                    (SELECT round(avg(r.rating), 2), count(*) FROM reviews r JOIN products p ON p.id = r.product_id
                     WHERE p.seller_id = s.id),
                    updated_at = now()
                WHERE s.id = (SELECT seller_id FROM products WHERE id = ?)""")) {
            seller.setLong(1, productId);
            seller.executeUpdate();
        }
    }
}
