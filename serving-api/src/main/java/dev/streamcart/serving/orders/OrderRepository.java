package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.streamcart.schemas.order.OrderStatus;
import org.jspecify.annotations.Nullable;

/** Rows of {@code orders} and {@code order_items}, on the caller's connection and transaction. */
public final class OrderRepository {

    /** A priced line about to be written, with the product details copied into the order. */
    public record NewItem(OrderItem item, String productName, String productSku, BigDecimal tax) {}

    /** An order about to be written: its amounts as priced at checkout, and where it goes. */
    public record NewOrder(long userId, BigDecimal subtotal, BigDecimal tax, BigDecimal shipping, BigDecimal total,
                           String currency, @Nullable Long shippingAddressId, @Nullable Long billingAddressId,
                           @Nullable String shippingRegion, @Nullable String shippingCarrier) {}

    public long insertOrder(Connection connection, NewOrder order) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO orders (user_id, status, subtotal, tax_amount, shipping_amount, total, currency,
                                    shipping_address_id, billing_address_id, shipping_region, shipping_carrier)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, order.userId());
            insert.setString(2, OrderStatus.PENDING_PAYMENT.name());
            insert.setBigDecimal(3, order.subtotal());
            insert.setBigDecimal(4, order.tax());
            insert.setBigDecimal(5, order.shipping());
            insert.setBigDecimal(6, order.total());
            insert.setString(7, order.currency());
            insert.setObject(8, order.shippingAddressId(), Types.BIGINT);
            insert.setObject(9, order.billingAddressId(), Types.BIGINT);
            insert.setString(10, order.shippingRegion());
            insert.setString(11, order.shippingCarrier());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public long insertItem(Connection connection, long orderId, NewItem line) throws SQLException {
        OrderItem item = line.item();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO order_items (order_id, product_id, seller_id, category_id, quantity, unit_price, total_price,
                                         product_name, product_sku, tax_amount, recommendation_variant)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, orderId);
            insert.setLong(2, item.productId());
            insert.setLong(3, item.sellerId());
            insert.setLong(4, item.categoryId());
            insert.setInt(5, item.quantity());
            insert.setBigDecimal(6, item.unitPrice());
            insert.setBigDecimal(7, item.lineTotal());
            insert.setString(8, line.productName());
            insert.setString(9, line.productSku());
            insert.setBigDecimal(10, line.tax());
            insert.setString(11, item.recommendationVariant());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Locks the order row ({@code FOR UPDATE}) and reads it with its items: every status change
     * goes through here, so two requests on one order (a payment and a cancel) run one after the other.
     */
    public Optional<Order> lockForUpdate(Connection connection, long orderId) throws SQLException {
        OrderStatus status;
        long userId;
        BigDecimal total;
        String currency;
        String region;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT user_id, status, total, currency, shipping_region FROM orders WHERE id = ? FOR UPDATE")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                userId = row.getLong(1);
                status = OrderStatus.valueOf(row.getString(2));
                total = row.getBigDecimal(3);
                currency = row.getString(4).trim();
                region = row.getString(5);
            }
        }
        return Optional.of(new Order(orderId, userId, status, total, currency, items(connection, orderId), region));
    }

    /** Reads the order without locking it (for reads that only need to know it exists). */
    public Optional<Order> find(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT user_id, status, total, currency, shipping_region FROM orders WHERE id = ?")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Order(orderId, row.getLong(1), OrderStatus.valueOf(row.getString(2)),
                        row.getBigDecimal(3), row.getString(4).trim(), items(connection, orderId), row.getString(5)));
            }
        }
    }

    public void updateStatus(Connection connection, long orderId, OrderStatus status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE orders SET status = ?, updated_at = now() WHERE id = ?")) {
            update.setString(1, status.name());
            update.setLong(2, orderId);
            update.executeUpdate();
        }
    }

    private static List<OrderItem> items(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT product_id, seller_id, category_id, quantity, unit_price, recommendation_variant FROM order_items
                WHERE order_id = ? ORDER BY id""")) {
            select.setLong(1, orderId);
            List<OrderItem> items = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    items.add(new OrderItem(row.getLong(1), row.getLong(2), row.getLong(3), row.getInt(4),
                            row.getBigDecimal(5), row.getString(6)));
                }
            }
            return items;
        }
    }
}
