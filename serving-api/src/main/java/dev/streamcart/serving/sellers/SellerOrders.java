package dev.streamcart.serving.sellers;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.money.Money;
import org.jspecify.annotations.Nullable;

/** The order items of one seller, newest order first; only that seller's lines of a multi-seller order. */
public final class SellerOrders {

    /** A page of items and how many there are in all. */
    public record Page(int page, int size, long total, List<SellerOrderItem> items) {}

    private final Transactions transactions;

    public SellerOrders(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Page items(long sellerId, @Nullable String status, int page, int size) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT oi.order_id, oi.id, o.status, o.created_at, oi.product_id, oi.product_name, oi.product_sku,
                           oi.quantity, oi.unit_price, oi.total_price, o.currency, count(*) OVER () AS total
                    FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE oi.seller_id = ? AND (?::varchar IS NULL OR o.status = ?::varchar)
                    ORDER BY o.created_at DESC, oi.order_id DESC, oi.id
                    LIMIT ? OFFSET ?""")) {
                select.setLong(1, sellerId);
                select.setString(2, status);
                select.setString(3, status);
                select.setInt(4, size);
                select.setLong(5, (long) page * size);
                try (ResultSet rows = select.executeQuery()) {
                    List<SellerOrderItem> items = new ArrayList<>();
                    long total = 0;
                    while (rows.next()) {
                        total = rows.getLong("total");
                        items.add(new SellerOrderItem(rows.getLong(1), rows.getLong(2), rows.getString(3),
                                rows.getTimestamp(4).toInstant(), rows.getLong(5), rows.getString(6), rows.getString(7),
                                rows.getInt(8), Money.format(rows.getBigDecimal(9)), Money.format(rows.getBigDecimal(10)),
                                rows.getString(11).trim()));
                    }
                    if (items.isEmpty() && page > 0) {
                        total = countAll(sellerId, status);
                    }
                    return new Page(page, size, total, items);
                }
            }
        });
    }

    // a page past the end has no rows to carry the window count
    private long countAll(long sellerId, @Nullable String status) {
        return transactions.read(connection -> {
            try (PreparedStatement count = connection.prepareStatement("""
                    SELECT count(*) FROM order_items oi JOIN orders o ON o.id = oi.order_id
                    WHERE oi.seller_id = ? AND (?::varchar IS NULL OR o.status = ?::varchar)""")) {
                count.setLong(1, sellerId);
                count.setString(2, status);
                count.setString(3, status);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
