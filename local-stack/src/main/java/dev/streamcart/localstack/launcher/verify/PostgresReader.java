package dev.streamcart.localstack.launcher.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * Walks PostgreSQL's {@code inventory} (grouped per product) and {@code orders} in id order, in one
 * REPEATABLE READ snapshot, through pgjdbc cursors: a fetch size with autocommit off makes the
 * driver fetch {@link #FETCH_SIZE} rows at a time instead of the whole table, so memory does not
 * grow with the tables.
 */
final class PostgresReader {

    static final int FETCH_SIZE = 10_000;

    /** Receives each product with its rows (a reused buffer: copy what you keep) and the newest {@code updated_at} of them. */
    interface InventoryVisitor {
        void product(ProductRows rows, Instant changedAt);
    }

    /** Receives each order with its status code and {@code updated_at}. */
    interface OrderVisitor {
        void order(long orderId, byte status, Instant changedAt);
    }

    private PostgresReader() {}

    /** Walks both tables, products first, and returns PostgreSQL's clock at the snapshot. */
    static Instant read(Connection connection, StatusCodes codes, InventoryVisitor inventory, OrderVisitor orders)
            throws SQLException {
        Objects.requireNonNull(codes, "codes");
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            Instant readAt;
            try (ResultSet rs = statement.executeQuery("SELECT now()")) {
                rs.next();
                readAt = rs.getTimestamp(1).toInstant();
            }
            readInventory(statement, inventory);
            readOrders(statement, codes, orders);
            connection.commit();
            return readAt;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void readInventory(Statement statement, InventoryVisitor visitor) throws SQLException {
        ProductRows rows = new ProductRows();
        Instant changedAt = Instant.EPOCH;
        boolean any = false;
        try (ResultSet rs = statement.executeQuery("SELECT product_id, warehouse_id, quantity, reserved_quantity, updated_at "
                + "FROM inventory ORDER BY product_id, warehouse_id")) {
            while (rs.next()) {
                long productId = rs.getLong(1);
                if (!any || productId != rows.productId()) {
                    if (any) {
                        visitor.product(rows, changedAt);
                    }
                    rows.reset(productId);
                    changedAt = Instant.EPOCH;
                    any = true;
                }
                rows.add(rs.getLong(2), rs.getInt(3), rs.getInt(4));
                Instant rowChangedAt = changedAt(rs, 5);
                if (rowChangedAt.isAfter(changedAt)) {
                    changedAt = rowChangedAt;
                }
            }
        }
        if (any) {
            visitor.product(rows, changedAt);
        }
    }

    private static void readOrders(Statement statement, StatusCodes codes, OrderVisitor visitor) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT id, status, updated_at FROM orders ORDER BY id")) {
            while (rs.next()) {
                visitor.order(rs.getLong(1), codes.code(rs.getString(2)), changedAt(rs, 3));
            }
        }
    }

    private static Instant changedAt(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? Instant.EPOCH : value.toInstant();
    }
}
