package dev.streamcart.serving.orders;

import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.inventory.StockReservations;

/**
 * What every feature that changes an order works on: the order rows, their stock holds, their
 * events in the outbox, and who may touch an order. Checkout, payments, shipping and refunds share
 * one of each.
 */
public record OrderStorage(OrderRepository orders, StockReservations reservations, OrderEvents events,
                           OrderOwnership ownership) {

    public OrderStorage {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(reservations, "reservations");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(ownership, "ownership");
    }

    public static OrderStorage of(Transactions transactions, OutboxWriter outbox) {
        return new OrderStorage(new OrderRepository(), new StockReservations(), new OrderEvents(outbox),
                new OrderOwnership(transactions));
    }
}
