package dev.streamcart.serving.orders;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.db.Transactions;

/**
 * Who may touch an order: its buyer, the seller of every one of its items, or an admin. Anyone
 * else gets the same 404 as for a missing order, so order ids cannot be probed.
 */
public final class OrderOwnership {

    private final Transactions transactions;

    public OrderOwnership(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** The buyer (or an admin). */
    public void requireBuyer(Principal caller, long orderId) {
        if (caller.isAdmin()) {
            return;
        }
        Long buyer = transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT user_id FROM orders WHERE id = ?")) {
                select.setLong(1, orderId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : null;
                }
            }
        });
        if (buyer == null || buyer != caller.userId()) {
            throw Access.notYours("order", orderId);
        }
    }

    /** The buyer, or the seller of every item (or an admin): who may read an order's tracking. */
    public void requireBuyerOrSeller(Principal caller, long orderId) {
        if (caller.isAdmin() || isSellerOfEveryItem(caller, orderId)) {
            return;
        }
        requireBuyer(caller, orderId);
    }

    /** The seller of every item of the order (or an admin): who may fulfil, ship and refund it. */
    public void requireSeller(Principal caller, long orderId) {
        if (!caller.isAdmin() && !isSellerOfEveryItem(caller, orderId)) {
            throw Access.notYours("order", orderId);
        }
    }

    private boolean isSellerOfEveryItem(Principal caller, long orderId) {
        Long sellerId = caller.sellerId();
        if (sellerId == null) {
            return false;
        }
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT bool_and(seller_id = ?) FROM order_items WHERE order_id = ?")) {
                select.setLong(1, sellerId);
                select.setLong(2, orderId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
    }
}
