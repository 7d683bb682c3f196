package dev.streamcart.localstack.launcher.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * What PostgreSQL holds at one moment (one REPEATABLE READ snapshot), kept compactly: inventory
 * rows and order statuses, sorted by id. It is the first of the verifier's two snapshots; the second
 * is only walked ({@link PostgresReader}), since each of its entries is needed once.
 *
 * @param readAt PostgreSQL's clock at the snapshot
 */
record PostgresSnapshot(Instant readAt, StockTable inventory, OrderStatusTable statuses) {

    PostgresSnapshot {
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(statuses, "statuses");
    }

    static PostgresSnapshot read(Connection connection, StatusCodes codes) throws SQLException {
        StockTable.Builder inventory = new StockTable.Builder();
        OrderStatusTable.Builder statuses = new OrderStatusTable.Builder();
        Instant readAt = PostgresReader.read(connection, codes,
                (rows, changedAt) -> inventory.add(rows),
                (orderId, status, changedAt) -> statuses.add(orderId, status));
        return new PostgresSnapshot(readAt, inventory.build(), statuses.build());
    }

    long retainedBytes() {
        return inventory.retainedBytes() + statuses.retainedBytes();
    }
}
