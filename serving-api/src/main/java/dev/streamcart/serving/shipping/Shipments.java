package dev.streamcart.serving.shipping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** Rows of {@code shipments}, {@code shipment_items} and {@code tracking_events}, on the caller's connection. */
public final class Shipments {

    /** The shipment's order and status, with the shipment row locked for the rest of the transaction. */
    public record Locked(long shipmentId, long orderId, TrackingStatus status) {}

    public Optional<Long> carrierId(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM carriers WHERE code = ? AND is_active")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    public long insert(Connection connection, long orderId, long carrierId, String trackingNumber) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO shipments (order_id, carrier_id, tracking_number, status) VALUES (?, ?, ?, 'SHIPPED')
                RETURNING id""")) {
            insert.setLong(1, orderId);
            insert.setLong(2, carrierId);
            insert.setString(3, trackingNumber);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public boolean trackingNumberTaken(Connection connection, long carrierId, String trackingNumber)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM shipments WHERE carrier_id = ? AND tracking_number = ?")) {
            select.setLong(1, carrierId);
            select.setString(2, trackingNumber);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    public void addEvent(Connection connection, long shipmentId, TrackingStatus status, @Nullable String location)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tracking_events (shipment_id, status, location) VALUES (?, ?, ?)")) {
            insert.setLong(1, shipmentId);
            insert.setString(2, status.name());
            insert.setString(3, location);
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE shipments SET status = ?,
                       delivered_at = CASE WHEN ? = 'DELIVERED' THEN now() ELSE delivered_at END
                WHERE id = ?""")) {
            update.setString(1, status.name());
            update.setString(2, status.name());
            update.setLong(3, shipmentId);
            update.executeUpdate();
        }
    }

    public Optional<Locked> lock(Connection connection, long shipmentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT order_id, status FROM shipments WHERE id = ? FOR UPDATE")) {
            select.setLong(1, shipmentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Locked(shipmentId, row.getLong(1), TrackingStatus.valueOf(row.getString(2))))
                        : Optional.empty();
            }
        }
    }

    public boolean anyFor(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM shipments WHERE order_id = ?")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Every shipment of the order with its items and events, oldest first. */
    public List<Shipment> ofOrder(Connection connection, long orderId) throws SQLException {
        List<Shipment> shipments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT s.id, c.code, s.tracking_number, s.status, s.shipped_at, s.delivered_at
                FROM shipments s JOIN carriers c ON c.id = s.carrier_id WHERE s.order_id = ? ORDER BY s.id""")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong(1);
                    Timestamp delivered = row.getTimestamp(6);
                    shipments.add(new Shipment(id, orderId, row.getString(2), row.getString(3), row.getString(4),
                            row.getTimestamp(5).toInstant(), delivered == null ? null : delivered.toInstant(),
                            List.of(), List.of()));
                }
            }
        }
        List<Shipment> complete = new ArrayList<>(shipments.size());
        for (Shipment shipment : shipments) {
            complete.add(new Shipment(shipment.id(), orderId, shipment.carrier(), shipment.trackingNumber(),
                    shipment.status(), shipment.shippedAt(), shipment.deliveredAt(), items(connection, shipment.id()),
                    events(connection, shipment.id())));
        }
        return complete;
    }

    private static List<Shipment.Item> items(Connection connection, long shipmentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT product_id, warehouse_id, quantity FROM shipment_items WHERE shipment_id = ? ORDER BY id""")) {
            select.setLong(1, shipmentId);
            List<Shipment.Item> items = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    items.add(new Shipment.Item(row.getLong(1), row.getLong(2), row.getInt(3)));
                }
            }
            return items;
        }
    }

    private static List<Shipment.TrackingEvent> events(Connection connection, long shipmentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, status, location, occurred_at FROM tracking_events WHERE shipment_id = ? ORDER BY id""")) {
            select.setLong(1, shipmentId);
            List<Shipment.TrackingEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(new Shipment.TrackingEvent(row.getLong(1), row.getString(2), row.getString(3),
                            row.getTimestamp(4).toInstant()));
                }
            }
            return events;
        }
    }
}
