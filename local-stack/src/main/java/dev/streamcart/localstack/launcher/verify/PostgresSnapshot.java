package dev.streamcart.localstack.launcher.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What PostgreSQL holds at one moment (one REPEATABLE READ snapshot): inventory rows and order
 * statuses, with when each last changed.
 *
 * @param readAt PostgreSQL's clock at the snapshot
 * @param inventory every inventory row
 * @param productChangedAt newest {@code inventory.updated_at} per product
 * @param statuses order id to {@code orders.status}
 * @param orderChangedAt order id to {@code orders.updated_at}
 */
record PostgresSnapshot(Instant readAt, List<InventoryRow> inventory, Map<Long, Instant> productChangedAt,
        Map<Long, String> statuses, Map<Long, Instant> orderChangedAt) {

    PostgresSnapshot {
        Objects.requireNonNull(readAt, "readAt");
        inventory = List.copyOf(inventory);
        productChangedAt = Map.copyOf(productChangedAt);
        statuses = Map.copyOf(statuses);
        orderChangedAt = Map.copyOf(orderChangedAt);
    }

    static PostgresSnapshot read(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            Instant readAt;
            try (ResultSet rs = statement.executeQuery("SELECT now()")) {
                rs.next();
                readAt = rs.getTimestamp(1).toInstant();
            }
            List<InventoryRow> inventory = new ArrayList<>();
            Map<Long, Instant> productChangedAt = new HashMap<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT product_id, warehouse_id, quantity, reserved_quantity, updated_at FROM inventory")) {
                while (rs.next()) {
                    inventory.add(new InventoryRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4)));
                    productChangedAt.merge(rs.getLong(1), changedAt(rs, 5), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            Map<Long, String> statuses = new HashMap<>();
            Map<Long, Instant> orderChangedAt = new HashMap<>();
            try (ResultSet rs = statement.executeQuery("SELECT id, status, updated_at FROM orders")) {
                while (rs.next()) {
                    statuses.put(rs.getLong(1), rs.getString(2));
                    orderChangedAt.put(rs.getLong(1), changedAt(rs, 3));
                }
            }
            connection.commit();
            return new PostgresSnapshot(readAt, inventory, productChangedAt, statuses, orderChangedAt);
        } finally {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Products whose rows may still be on their way to the read model: changed within {@code grace}
     * before this snapshot, or changed between this snapshot and {@code later}.
     */
    Set<Long> productsInFlight(PostgresSnapshot later, Duration grace) {
        Map<Long, Set<InventoryRow>> before = rowsByProduct();
        Map<Long, Set<InventoryRow>> after = later.rowsByProduct();
        Set<Long> products = new HashSet<>(before.keySet());
        products.addAll(after.keySet());
        Instant settledBefore = readAt.minus(grace);
        return products.stream()
                .filter(id -> !Objects.equals(before.get(id), after.get(id))
                        || later.productChangedAt.getOrDefault(id, Instant.EPOCH).isAfter(settledBefore))
                .collect(Collectors.toSet());
    }

    /** Orders whose status may still be on its way to the read model (as for products). */
    Set<Long> ordersInFlight(PostgresSnapshot later, Duration grace) {
        Set<Long> orders = new HashSet<>(statuses.keySet());
        orders.addAll(later.statuses.keySet());
        Instant settledBefore = readAt.minus(grace);
        return orders.stream()
                .filter(id -> !Objects.equals(statuses.get(id), later.statuses.get(id))
                        || later.orderChangedAt.getOrDefault(id, Instant.EPOCH).isAfter(settledBefore))
                .collect(Collectors.toSet());
    }

    private Map<Long, Set<InventoryRow>> rowsByProduct() {
        return inventory.stream().collect(Collectors.groupingBy(InventoryRow::productId, Collectors.toSet()));
    }

    private static Instant changedAt(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? Instant.EPOCH : value.toInstant();
    }
}
