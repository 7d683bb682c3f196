package dev.streamcart.serving.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockAlertType;
import org.jspecify.annotations.Nullable;

/**
 * Turns a stock alert into a notification for the user who runs the product's seller, in the
 * {@code notifications} table that the notification dispatcher delivers from. A seller without a
 * user account gets none (the alert itself is still stored for the dashboard).
 */
final class SellerAlertNotifications {

    private SellerAlertNotifications() {}

    /** Writes the notification on the caller's connection; returns whether there was a user to notify. */
    static boolean notifySeller(Connection connection, long sellerId, StockAlert alert) throws SQLException {
        Long userId = sellerUser(connection, sellerId);
        if (userId == null) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO notifications (user_id, kind, order_id, title, message) VALUES (?, ?, NULL, ?, ?)""")) {
            insert.setLong(1, userId);
            insert.setString(2, alert.getType().name());
            insert.setString(3, title(alert));
            insert.setString(4, message(alert));
            insert.executeUpdate();
        }
        return true;
    }

    private static @Nullable Long sellerUser(Connection connection, long sellerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT user_id FROM sellers WHERE id = ?")) {
            select.setLong(1, sellerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                long userId = row.getLong(1);
                return row.wasNull() ? null : userId;
            }
        }
    }

    static String title(StockAlert alert) {
        long product = alert.getProductId();
        return switch (alert.getType()) {
            case LOW_STOCK -> "Low stock: product " + product;
            case OUT_OF_STOCK -> "Out of stock: product " + product;
            case BACK_IN_STOCK -> "Back in stock: product " + product;
            case REORDER -> "Reorder product " + product;
            case UNKNOWN -> "Stock alert: product " + product;
        };
    }

    static String message(StockAlert alert) {
        String available = alert.getAvailable() + " available (" + alert.getOnHand() + " on hand)";
        String pace = alert.getUnitsPerDay() > 0
                ? String.format(Locale.ROOT, "; selling %.1f a day", alert.getUnitsPerDay()) : "";
        return switch (alert.getType()) {
            case LOW_STOCK -> available + ", below the low-stock threshold of " + alert.getLowStockThreshold() + pace + ".";
            case OUT_OF_STOCK -> "No units left to sell" + pace + ".";
            case BACK_IN_STOCK -> available + ": the product can be sold again.";
            case REORDER -> available + ", at the reorder point of " + alert.getReorderPoint() + pace
                    + (alert.getSuggestedQuantity() == null ? "." : "; suggested order: " + alert.getSuggestedQuantity() + " units.");
            case UNKNOWN -> available + ".";
        };
    }

    /** The notification kinds this writes, one per alert type. */
    static boolean notifies(StockAlertType type) {
        return type != StockAlertType.UNKNOWN;
    }
}
