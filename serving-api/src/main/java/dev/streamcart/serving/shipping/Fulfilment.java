package dev.streamcart.serving.shipping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.inventory.Hold;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventPayload;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * Moves a paid order through the warehouse and the carrier, each step in the caller's transaction
 * with its outbox event: fulfil (PAID to FULFILLING), ship (commits the reservation: on hand and
 * reserved both drop), and tracking events up to DELIVERED.
 */
public final class Fulfilment {

    /** A partly refunded order whose goods are still in the warehouse ships like a paid one. */
    private static final Set<OrderStatus> SHIPPABLE =
            EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING, OrderStatus.PARTIALLY_REFUNDED);

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final Shipments shipments;
    private final OrderEvents events;

    public Fulfilment(OrderRepository orders, StockReservations reservations, Shipments shipments, OrderEvents events) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.shipments = Objects.requireNonNull(shipments, "shipments");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** The warehouse starts picking a paid order. */
    public Order fulfil(Connection connection, long orderId) throws SQLException {
        Order order = lock(connection, orderId);
        if (order.status() != OrderStatus.PAID) {
            throw DomainException.conflict("order " + orderId + " is " + order.status()
                    + "; only a paid order can start fulfilment");
        }
        orders.updateStatus(connection, orderId, OrderStatus.FULFILLING);
        Order fulfilling = order.withStatus(OrderStatus.FULFILLING);
        events.append(connection, fulfilling, OrderEventType.ORDER_FULFILLING, null, null);
        return fulfilling;
    }

    /** Hands every unit the order still holds to the carrier. */
    public Shipment ship(Connection connection, ShipOrder request) throws SQLException {
        Order order = lock(connection, request.orderId());
        if (!SHIPPABLE.contains(order.status())) {
            throw DomainException.conflict("order " + order.id() + " is " + order.status()
                    + "; only a paid or fulfilling order can be shipped");
        }
        long carrierId = shipments.carrierId(connection, request.carrier())
                .orElseThrow(() -> DomainException.unprocessable("'carrier' " + request.carrier()
                        + " is not a known carrier; GET /api/orders/" + order.id() + "/shipping-options lists them"));
        if (shipments.trackingNumberTaken(connection, carrierId, request.trackingNumber())) {
            throw DomainException.conflict("tracking number " + request.trackingNumber() + " of " + request.carrier()
                    + " is already used by another shipment");
        }
        List<Hold> shipped = reservations.commit(connection, order.id());
        if (shipped.isEmpty()) {
            throw DomainException.conflict("order " + order.id() + " holds no units to ship (already shipped or refunded)");
        }
        long shipmentId = shipments.insert(connection, order.id(), carrierId, request.trackingNumber());
        recordItems(connection, shipmentId, shipped);
        shipments.addEvent(connection, shipmentId, TrackingStatus.SHIPPED, null);

        orders.updateStatus(connection, order.id(), OrderStatus.SHIPPED);
        Order shippedOrder = order.withStatus(OrderStatus.SHIPPED);
        events.append(connection, shippedOrder, OrderEventType.ORDER_SHIPPED, OrderEventPayload.of(shippedOrder, null,
                null, request.carrier(), request.trackingNumber(), null));
        Notifications.record(connection, order.userId(), NotificationKind.ORDER_SHIPPED, order.id(),
                "Your order " + order.id() + " is on its way",
                "Carrier " + request.carrier() + ", tracking number " + request.trackingNumber() + ".");
        return only(shipments.ofOrder(connection, order.id()), shipmentId);
    }

    /** Records what the carrier reports; DELIVERED completes the order. */
    public Shipment track(Connection connection, long shipmentId, TrackingStatus status, @Nullable String location)
            throws SQLException {
        // The shipment row is locked first (two reports on one parcel queue here), then its order,
        // which nothing else locks before a shipment, so the order of locks cannot form a cycle.
        Shipments.Locked shipment = shipments.lock(connection, shipmentId)
                .orElseThrow(() -> DomainException.notFound("shipment", shipmentId));
        long orderId = shipment.orderId();
        Order order = lock(connection, orderId);
        if (shipment.status() == TrackingStatus.DELIVERED) {
            throw DomainException.conflict("shipment " + shipmentId + " was already delivered");
        }
        shipments.addEvent(connection, shipmentId, status, location);
        if (status == TrackingStatus.DELIVERED && deliverable(order.status())) {
            orders.updateStatus(connection, orderId, OrderStatus.DELIVERED);
            Order delivered = order.withStatus(OrderStatus.DELIVERED);
            events.append(connection, delivered, OrderEventType.ORDER_DELIVERED, null, null);
            Notifications.record(connection, order.userId(), NotificationKind.ORDER_DELIVERED, orderId,
                    "Your order " + orderId + " was delivered",
                    location == null ? "Delivered." : "Delivered at " + location + ".");
        }
        return only(shipments.ofOrder(connection, orderId), shipmentId);
    }

    /** The order's shipments and their timelines; 404 for an unknown order. */
    public List<Shipment> tracking(Connection connection, long orderId) throws SQLException {
        if (orders.find(connection, orderId).isEmpty()) {
            throw DomainException.notFound("order", orderId);
        }
        return shipments.ofOrder(connection, orderId);
    }

    // A refunded order keeps its status; an order already delivered stays so.
    private static boolean deliverable(OrderStatus status) {
        return status == OrderStatus.SHIPPED || status == OrderStatus.PARTIALLY_REFUNDED;
    }

    private Order lock(Connection connection, long orderId) throws SQLException {
        return orders.lockForUpdate(connection, orderId).orElseThrow(() -> DomainException.notFound("order", orderId));
    }

    private static void recordItems(Connection connection, long shipmentId, List<Hold> shipped) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO shipment_items (shipment_id, order_item_id, product_id, warehouse_id, quantity)
                VALUES (?, ?, ?, ?, ?)""")) {
            for (Hold hold : shipped) {
                insert.setLong(1, shipmentId);
                insert.setLong(2, hold.orderItemId());
                insert.setLong(3, hold.productId());
                insert.setLong(4, hold.warehouseId());
                insert.setInt(5, hold.quantity());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Shipment only(List<Shipment> shipments, long shipmentId) {
        return shipments.stream().filter(shipment -> shipment.id() == shipmentId).findFirst()
                .orElseThrow(() -> new IllegalStateException("shipment " + shipmentId + " vanished"));
    }
}
