package dev.streamcart.serving.orders;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.db.Transactions;
import org.jspecify.annotations.Nullable;

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

    /**
     * {@link #requireBuyerOrSeller} decided from parties already known (an order's buyer and sellers
     * never change), without asking PostgreSQL.
     */
    public static void requireBuyerOrSeller(Principal caller, long orderId, long buyerId, Set<Long> sellerIds) {
        boolean sellerOfEveryItem = caller.sellerId() != null && sellerIds.equals(Set.of(caller.sellerId()));
        if (!caller.isAdmin() && caller.userId() != buyerId && !sellerOfEveryItem) {
            throw Access.notYours("order", orderId);
        }
    }

    /** The seller of every item of the order (or an admin): who may fulfil, ship and refund it. */
    public void requireSeller(Principal caller, long orderId) {
        if (!caller.isAdmin() && !isSellerOfEveryItem(caller, orderId)) {
            throw Access.notYours("order", orderId);
        }
    }

    /**
     * For shipping: null for an admin (any item), else the caller's seller id when they sell at
     * least one item of the order; 404 otherwise.
     */
    public @Nullable Long requireSellerOfSomeItem(Principal caller, long orderId) {
        if (caller.isAdmin()) {
            return null;
        }
        Long sellerId = caller.sellerId();
        boolean sellsAny = sellerId != null && transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM order_items WHERE order_id = ? AND seller_id = ?)")) {
                select.setLong(1, orderId);
                select.setLong(2, sellerId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
        if (!sellsAny) {
            throw Access.notYours("order", orderId);
        }
        return sellerId;
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
