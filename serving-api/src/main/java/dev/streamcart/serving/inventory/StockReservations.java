package dev.streamcart.serving.inventory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Holds and gives back stock for orders, always inside the caller's transaction.
 *
 * <p>Why it cannot oversell or deadlock: every inventory row a transaction touches is locked with
 * {@code SELECT ... FOR UPDATE} in one global order, (product id, warehouse id), before it is
 * changed, so concurrent checkouts queue on the rows they share instead of waiting on each other
 * in a cycle, and each one decides on the committed numbers of the ones before it. The CHECK
 * constraint {@code 0 <= reserved_quantity <= quantity} is the last line of defence.
 *
 * <p>{@link #reserveIfAvailable} is the short-lock variant: it takes a plan made without locks and
 * applies it with conditional updates, in the same global order, at the end of the caller's
 * transaction, so a hot product's rows stay locked only for those updates and the commit.
 */
public final class StockReservations {

    /**
     * Reserves {@code requested} units per product, choosing warehouses with {@link WarehouseAllocator}
     * (no buyer region: the fullest warehouse first).
     *
     * @throws InsufficientStockException when any product is short; nothing has been changed then
     */
    public List<Allocation> reserve(Connection connection, Map<Long, Integer> requested) throws SQLException {
        return reserve(connection, requested, null);
    }

    /**
     * Reserves {@code requested} units per product, preferring warehouses near {@code buyerRegion}
     * (see {@link WarehouseAllocator}).
     *
     * @throws InsufficientStockException when any product is short; nothing has been changed then
     */
    public List<Allocation> reserve(Connection connection, Map<Long, Integer> requested, @Nullable String buyerRegion)
            throws SQLException {
        List<InventoryRow> rows = readRows(connection, requested.keySet().toArray(Long[]::new), true);
        WarehouseAllocator.Plan plan = WarehouseAllocator.allocate(requested, rows, buyerRegion);
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

    /**
     * Reserves exactly the given allocations, each only if its warehouse still has the units
     * available: one conditional update per (product, warehouse), in the global lock order. The
     * allocations usually come from {@link #preview}, made without locks earlier in the transaction.
     *
     * @return whether every allocation was reserved; when false, some were and some were not, and the
     *     caller must roll back (to a savepoint) and reserve under lock instead
     */
    public boolean reserveIfAvailable(Connection connection, List<Allocation> allocations) throws SQLException {
        List<Allocation> ordered = allocations.stream()
                .sorted(Comparator.comparingLong(Allocation::productId).thenComparingLong(Allocation::warehouseId))
                .toList();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE inventory SET reserved_quantity = reserved_quantity + ?, updated_at = now()
                WHERE product_id = ? AND warehouse_id = ? AND quantity - reserved_quantity >= ?""")) {
            for (Allocation allocation : ordered) {
                update.setInt(1, allocation.quantity());
                update.setLong(2, allocation.productId());
                update.setLong(3, allocation.warehouseId());
                update.setInt(4, allocation.quantity());
                update.addBatch();
            }
            for (int updated : update.executeBatch()) {
                if (updated != 1) {
                    return false;
                }
            }
            return true;
        }
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

    /**
     * Ships what the order holds: for every HELD reservation both {@code quantity} and
     * {@code reserved_quantity} drop by its units in its warehouse (the units leave the building),
     * and the reservation becomes COMMITTED. Returns the holds that were committed.
     */
    public List<Hold> commit(Connection connection, long orderId) throws SQLException {
        lockOrderRows(connection, orderId);
        List<Hold> holds = new ArrayList<>();
        try (PreparedStatement mark = connection.prepareStatement("""
                UPDATE stock_reservations SET status = 'COMMITTED', updated_at = now()
                WHERE order_id = ? AND status = 'HELD'
                RETURNING id, order_item_id, product_id, warehouse_id, quantity""")) {
            mark.setLong(1, orderId);
            try (ResultSet rows = mark.executeQuery()) {
                while (rows.next()) {
                    holds.add(new Hold(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getInt(5)));
                }
            }
        }
        try (PreparedStatement ship = connection.prepareStatement("""
                UPDATE inventory SET quantity = quantity - ?, reserved_quantity = reserved_quantity - ?, updated_at = now()
                WHERE product_id = ? AND warehouse_id = ?""")) {
            for (Hold hold : holds) {
                ship.setInt(1, hold.quantity());
                ship.setInt(2, hold.quantity());
                ship.setLong(3, hold.productId());
                ship.setLong(4, hold.warehouseId());
                ship.addBatch();
            }
            ship.executeBatch();
        }
        return holds;
    }

    /** The order's reservations in one status (HELD, COMMITTED, RELEASED), oldest first. */
    public List<Hold> holds(Connection connection, long orderId, String status) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, order_item_id, product_id, warehouse_id, quantity FROM stock_reservations
                WHERE order_id = ? AND status = ? ORDER BY id""")) {
            select.setLong(1, orderId);
            select.setString(2, status);
            List<Hold> holds = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holds.add(new Hold(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getInt(5)));
                }
            }
            return holds;
        }
    }

    /**
     * Gives back {@code units} of one HELD reservation (a refund of goods not shipped yet): the
     * warehouse's reserved count drops, and the released units are split off as a RELEASED row so
     * the reservation history still adds up. The caller has locked the inventory rows.
     */
    public void releasePart(Connection connection, Hold hold, int units) throws SQLException {
        if (units <= 0 || units > hold.quantity()) {
            throw new IllegalArgumentException("cannot release " + units + " of " + hold);
        }
        try (PreparedStatement giveBack = connection.prepareStatement("""
                UPDATE inventory SET reserved_quantity = reserved_quantity - ?, updated_at = now()
                WHERE product_id = ? AND warehouse_id = ?""")) {
            giveBack.setInt(1, units);
            giveBack.setLong(2, hold.productId());
            giveBack.setLong(3, hold.warehouseId());
            giveBack.executeUpdate();
        }
        splitOff(connection, hold, units, "RELEASED");
    }

    /**
     * Ships {@code units} of one HELD reservation (a split shipment): on-hand and reserved both drop
     * in its warehouse, and the shipped units become a COMMITTED row (the whole reservation when all
     * of it ships) so the reservation history still adds up. The caller has locked the inventory rows.
     */
    public void commitPart(Connection connection, Hold hold, int units) throws SQLException {
        if (units <= 0 || units > hold.quantity()) {
            throw new IllegalArgumentException("cannot ship " + units + " of " + hold);
        }
        try (PreparedStatement ship = connection.prepareStatement("""
                UPDATE inventory SET quantity = quantity - ?, reserved_quantity = reserved_quantity - ?, updated_at = now()
                WHERE product_id = ? AND warehouse_id = ?""")) {
            ship.setInt(1, units);
            ship.setInt(2, units);
            ship.setLong(3, hold.productId());
            ship.setLong(4, hold.warehouseId());
            ship.executeUpdate();
        }
        splitOff(connection, hold, units, "COMMITTED");
    }

    /**
     * Moves {@code units} of a HELD reservation to {@code status}: the whole row when all of it
     * moves, else the row shrinks and the moved units become a row of their own, so the order's
     * reservation history still adds up to what it reserved.
     */
    private static void splitOff(Connection connection, Hold hold, int units, String status) throws SQLException {
        if (units == hold.quantity()) {
            try (PreparedStatement mark = connection.prepareStatement(
                    "UPDATE stock_reservations SET status = ?, updated_at = now() WHERE id = ?")) {
                mark.setString(1, status);
                mark.setLong(2, hold.reservationId());
                mark.executeUpdate();
            }
            return;
        }
        try (PreparedStatement shrink = connection.prepareStatement(
                "UPDATE stock_reservations SET quantity = quantity - ?, updated_at = now() WHERE id = ?")) {
            shrink.setInt(1, units);
            shrink.setLong(2, hold.reservationId());
            shrink.executeUpdate();
        }
        try (PreparedStatement split = connection.prepareStatement("""
                INSERT INTO stock_reservations (order_id, order_item_id, product_id, warehouse_id, quantity, status)
                SELECT order_id, order_item_id, product_id, warehouse_id, ?, ? FROM stock_reservations
                WHERE id = ?""")) {
            split.setInt(1, units);
            split.setString(2, status);
            split.setLong(3, hold.reservationId());
            split.executeUpdate();
        }
    }

    /** Puts returned units back on the shelf of the warehouse they left from. The caller has locked the row. */
    public void restock(Connection connection, long productId, long warehouseId, int units) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE inventory SET quantity = quantity + ?, updated_at = now()
                WHERE product_id = ? AND warehouse_id = ?""")) {
            update.setInt(1, units);
            update.setLong(2, productId);
            update.setLong(3, warehouseId);
            update.executeUpdate();
        }
    }

    /**
     * Locks the inventory rows of every reservation the order ever had, in the global (product,
     * warehouse) order, so shipping and refunds queue with checkouts instead of deadlocking.
     */
    public void lockOrderRows(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT i.id FROM inventory i
                WHERE (i.product_id, i.warehouse_id) IN (
                    SELECT product_id, warehouse_id FROM stock_reservations WHERE order_id = ?)
                ORDER BY i.product_id, i.warehouse_id
                FOR UPDATE OF i""")) {
            lock.setLong(1, orderId);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    // locking is the point; the ids are not needed
                }
            }
        }
    }

    /**
     * The allocation a reservation would make now, without locking or changing anything: what a
     * quote uses to know which warehouses (hence which shipping zone) would serve each line.
     * Checkout decides again under lock, so the numbers may differ when stock moved in between.
     */
    public WarehouseAllocator.Plan preview(Connection connection, Map<Long, Integer> requested,
                                           @Nullable String buyerRegion) throws SQLException {
        List<InventoryRow> rows = readRows(connection, requested.keySet().toArray(Long[]::new), false);
        return WarehouseAllocator.allocate(requested, rows, buyerRegion);
    }

    private static List<InventoryRow> readRows(Connection connection, Long[] productIds, boolean lock)
            throws SQLException {
        Array ids = connection.createArrayOf("bigint", productIds);
        // FOR UPDATE OF i: only the inventory rows are locked (in the global order), never the warehouses
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT i.product_id, i.warehouse_id, i.quantity, i.reserved_quantity, w.region
                FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id
                WHERE i.product_id = ANY (?)
                ORDER BY i.product_id, i.warehouse_id""" + (lock ? " FOR UPDATE OF i" : ""))) {
            select.setArray(1, ids);
            List<InventoryRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new InventoryRow(row.getLong(1), row.getLong(2), row.getInt(3), row.getInt(4),
                            row.getString(5)));
                }
            }
            return rows;
        } finally {
            ids.free();
        }
    }
}
