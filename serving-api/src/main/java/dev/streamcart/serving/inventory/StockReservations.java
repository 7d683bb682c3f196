package dev.streamcart.serving.inventory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds and gives back stock for orders, always inside the caller's transaction.
 *
 * <p>Why it cannot oversell or deadlock: every inventory row a transaction touches is locked with
 * {@code SELECT ... FOR UPDATE} in one global order, (product id, warehouse id), before it is
 * changed, so concurrent checkouts queue on the rows they share instead of waiting on each other
 * in a cycle, and each one decides on the committed numbers of the ones before it. The CHECK
 * constraint {@code 0 <= reserved_quantity <= quantity} is the last line of defence.
 */
public final class StockReservations {

    /**
     * Reserves {@code requested} units per product, choosing warehouses with {@link WarehouseAllocator}.
     *
     * @throws InsufficientStockException when any product is short; nothing has been changed then
     */
    public List<Allocation> reserve(Connection connection, Map<Long, Integer> requested) throws SQLException {
        List<InventoryRow> rows = lockRows(connection, requested.keySet().toArray(Long[]::new));
        WarehouseAllocator.Plan plan = WarehouseAllocator.allocate(requested, rows);
        if (!plan.feasible()) {
            throw new InsufficientStockException(plan.shortages());
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE inventory SET reserved_quantity = reserved_quantity + ?, updated_at = now()
                WHERE product_id = ? AND warehouse_id = ?""")) {
            for (Allocation allocation : plan.allocations()) {
                update.setInt(1, allocation.quantity());
                update.setLong(2, allocation.productId());
                update.setLong(3, allocation.warehouseId());
                update.addBatch();
            }
            update.executeBatch();
        }
        return plan.allocations();
    }

    /** Records which order item holds which warehouse's units, so a release gives them back exactly. */
    public void recordHolds(Connection connection, long orderId, Map<Long, Long> orderItemIdByProduct,
                            List<Allocation> allocations) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO stock_reservations (order_id, order_item_id, product_id, warehouse_id, quantity)
                VALUES (?, ?, ?, ?, ?)""")) {
            for (Allocation allocation : allocations) {
                Long itemId = orderItemIdByProduct.get(allocation.productId());
                if (itemId == null) {
                    throw new IllegalArgumentException("no order item for product " + allocation.productId());
                }
                insert.setLong(1, orderId);
                insert.setLong(2, itemId);
                insert.setLong(3, allocation.productId());
                insert.setLong(4, allocation.warehouseId());
                insert.setInt(5, allocation.quantity());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Gives back every unit the order still holds; returns how many units were released. */
    public int release(Connection connection, long orderId) throws SQLException {
        // lock the rows in the global order first, exactly as reserve() does
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT i.id FROM inventory i
                WHERE (i.product_id, i.warehouse_id) IN (
                    SELECT product_id, warehouse_id FROM stock_reservations WHERE order_id = ? AND status = 'HELD')
                ORDER BY i.product_id, i.warehouse_id
                FOR UPDATE OF i""")) {
            lock.setLong(1, orderId);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    // locking is the point; the ids are not needed
                }
            }
        }
        try (PreparedStatement giveBack = connection.prepareStatement("""
                UPDATE inventory i SET reserved_quantity = i.reserved_quantity - held.units, updated_at = now()
                FROM (SELECT product_id, warehouse_id, SUM(quantity) AS units FROM stock_reservations
                      WHERE order_id = ? AND status = 'HELD' GROUP BY product_id, warehouse_id) held
                WHERE i.product_id = held.product_id AND i.warehouse_id = held.warehouse_id""")) {
            giveBack.setLong(1, orderId);
            giveBack.executeUpdate();
        }
        try (PreparedStatement mark = connection.prepareStatement("""
                UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
                WHERE order_id = ? AND status = 'HELD' RETURNING quantity""")) {
            mark.setLong(1, orderId);
            int released = 0;
            try (ResultSet rows = mark.executeQuery()) {
                while (rows.next()) {
                    released += rows.getInt(1);
                }
            }
            return released;
        }
    }

    private static List<InventoryRow> lockRows(Connection connection, Long[] productIds) throws SQLException {
        Array ids = connection.createArrayOf("bigint", productIds);
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT product_id, warehouse_id, quantity, reserved_quantity FROM inventory
                WHERE product_id = ANY (?)
                ORDER BY product_id, warehouse_id
                FOR UPDATE""")) {
            select.setArray(1, ids);
            List<InventoryRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new InventoryRow(row.getLong(1), row.getLong(2), row.getInt(3), row.getInt(4)));
                }
            }
            return rows;
        } finally {
            ids.free();
        }
    }
}
