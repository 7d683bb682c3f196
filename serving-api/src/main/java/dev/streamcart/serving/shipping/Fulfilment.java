package dev.streamcart.serving.shipping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.inventory.Hold;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventRecords;
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

    /**
     * Hands reserved units to the carrier: the lines asked for, or every unit still waiting. A
     * seller ships only their own items of a multi-seller order. The order is SHIPPED once nothing
     * is left waiting; until then a paid order is FULFILLING.
     */
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
        reservations.lockOrderRows(connection, order.id());
        List<Hold> waiting = shippableHolds(connection, order.id(), request.sellerScope());
        List<Hold> parcel = request.lines().isEmpty() ? waiting : pick(waiting, request.lines());
        if (parcel.isEmpty()) {
            throw DomainException.conflict("order " + order.id() + " holds no units to ship (already shipped or refunded)");
        }
        Map<Long, Hold> byReservation = new HashMap<>();
        waiting.forEach(hold -> byReservation.put(hold.reservationId(), hold));
        for (Hold shipped : parcel) {
            reservations.commitPart(connection, byReservation.get(shipped.reservationId()), shipped.quantity());
        }
        long shipmentId = shipments.insert(connection, order.id(), carrierId, request.trackingNumber());
        recordItems(connection, shipmentId, parcel);
        shipments.addEvent(connection, shipmentId, TrackingStatus.SHIPPED, null);

        boolean complete = reservations.holds(connection, order.id(), "HELD").isEmpty();
        if (complete) {
            orders.updateStatus(connection, order.id(), OrderStatus.SHIPPED);
            Order shippedOrder = order.withStatus(OrderStatus.SHIPPED);
            events.append(connection, OrderEventRecords.of(shippedOrder, OrderEventType.ORDER_SHIPPED)
                    .setCarrier(request.carrier()).setTrackingNumber(request.trackingNumber()));
        } else if (order.status() == OrderStatus.PAID) {
            orders.updateStatus(connection, order.id(), OrderStatus.FULFILLING);
            events.append(connection, order.withStatus(OrderStatus.FULFILLING), OrderEventType.ORDER_FULFILLING, null, null);
        }
        Notifications.record(connection, order.userId(), NotificationKind.ORDER_SHIPPED, order.id(),
                complete ? "Your order " + order.id() + " is on its way" : "Part of your order " + order.id() + " is on its way",
                "Carrier " + request.carrier() + ", tracking number " + request.trackingNumber() + ".");
        return only(shipments.ofOrder(connection, order.id()), shipmentId);
    }

    /** The order's HELD reservations, limited to one seller's items when a seller ships. */
    private List<Hold> shippableHolds(Connection connection, long orderId, @Nullable Long sellerId) throws SQLException {
        List<Hold> held = reservations.holds(connection, orderId, "HELD");
        if (sellerId == null) {
            return held;
        }
        Set<Long> sellersItems = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM order_items WHERE order_id = ? AND seller_id = ?")) {
            select.setLong(1, orderId);
            select.setLong(2, sellerId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sellersItems.add(rows.getLong(1));
                }
            }
        }
        return held.stream().filter(hold -> sellersItems.contains(hold.orderItemId())).toList();
    }

    /** Takes the asked units from the waiting holds, oldest first; 422 when more are asked than wait. */
    private static List<Hold> pick(List<Hold> waiting, List<ShipOrder.Line> lines) {
        Map<Long, Integer> asked = new LinkedHashMap<>();
        lines.forEach(line -> asked.merge(line.productId(), line.quantity(), Integer::sum));
        List<Hold> parcel = new ArrayList<>();
        for (Map.Entry<Long, Integer> line : asked.entrySet()) {
            int missing = line.getValue();
            for (Hold hold : waiting) {
                if (missing == 0) {
                    break;
                }
                if (hold.productId() == line.getKey()) {
                    int units = Math.min(missing, hold.quantity());
                    parcel.add(new Hold(hold.reservationId(), hold.orderItemId(), hold.productId(), hold.warehouseId(), units));
                    missing -= units;
                }
            }
            if (missing > 0) {
                int waitingUnits = line.getValue() - missing;
                throw DomainException.unprocessable("'items': " + line.getValue() + " units of product " + line.getKey()
                        + " asked, but only " + waitingUnits + " of yours are waiting to ship in this order");
            }
        }
        return parcel;
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
        // with split shipments the order is delivered when its last parcel is
        boolean everyParcelDelivered = shipments.ofOrder(connection, orderId).stream()
                .allMatch(parcel -> TrackingStatus.DELIVERED.name().equals(parcel.status()));
        if (status == TrackingStatus.DELIVERED && everyParcelDelivered && deliverable(order.status())) {
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
