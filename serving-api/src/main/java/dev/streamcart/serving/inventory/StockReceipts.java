package dev.streamcart.serving.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.serving.db.References;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** Stock arriving at a warehouse: adds units on hand (creating the inventory row on first receipt). */
public final class StockReceipts {

    /** Units arriving; {@code sellerScope} is the seller who must own the product (null: an admin, any product). */
    public record Receipt(long productId, long warehouseId, int quantity, @Nullable Long sellerScope) {
        public Receipt {
            if (quantity <= 0) {
                throw DomainException.invalidInput("'quantity' must be positive");
            }
        }
    }

    /** Stock of the product in the warehouse after the receipt. */
    public record Received(long productId, long warehouseId, int quantity, int reserved) {}

    private final Transactions transactions;

    public StockReceipts(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Received receive(Receipt receipt) {
        return transactions.inTransaction(connection -> {
            requireProductOf(connection, receipt.productId(), receipt.sellerScope());
            References.requireExists(connection, "warehouses", "warehouse", receipt.warehouseId());
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO inventory (product_id, warehouse_id, quantity) VALUES (?, ?, ?)
                    ON CONFLICT (product_id, warehouse_id)
                    DO UPDATE SET quantity = inventory.quantity + EXCLUDED.quantity, updated_at = now()
                    RETURNING quantity, reserved_quantity""")) {
                upsert.setLong(1, receipt.productId());
                upsert.setLong(2, receipt.warehouseId());
                upsert.setInt(3, receipt.quantity());
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    return new Received(receipt.productId(), receipt.warehouseId(), row.getInt(1), row.getInt(2));
                }
            }
        });
    }

    private static void requireProductOf(Connection connection, long productId, @Nullable Long sellerId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seller_id FROM products WHERE id = ?")) {
            select.setLong(1, productId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || (sellerId != null && row.getLong(1) != sellerId)) {
                    // another seller's product reads exactly like a missing one
                    throw DomainException.unprocessable("product " + productId + " does not exist");
                }
            }
        }
    }
}
