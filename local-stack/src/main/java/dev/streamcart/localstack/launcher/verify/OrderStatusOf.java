package dev.streamcart.localstack.launcher.verify;

import java.util.Objects;

import dev.streamcart.schemas.order.OrderView;

/** What the verifier compares of an order view: its status. Items and history are dropped as it is read. */
record OrderStatusOf(long orderId, String status) {

    OrderStatusOf {
        Objects.requireNonNull(status, "status");
    }

    static OrderStatusOf of(OrderView view) {
        return new OrderStatusOf(view.getOrderId(), view.getStatus().name());
    }
}
