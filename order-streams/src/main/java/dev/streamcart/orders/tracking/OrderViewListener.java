package dev.streamcart.orders.tracking;

import dev.streamcart.schemas.order.OrderView;

/**
 * Told, on the stream thread, each time a view was stored, so reads waiting for an order that was
 * not there yet can answer at once. Must return quickly and never block.
 */
@FunctionalInterface
public interface OrderViewListener {

    /** For a topology nobody queries. */
    OrderViewListener NONE = (orderKey, view) -> { };

    void stored(String orderKey, OrderView view);
}
