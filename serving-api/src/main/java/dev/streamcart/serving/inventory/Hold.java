package dev.streamcart.serving.inventory;

/** Units of one order item held in (or taken from) one warehouse: a row of {@code stock_reservations}. */
public record Hold(long reservationId, long orderItemId, long productId, long warehouseId, int quantity) {}
