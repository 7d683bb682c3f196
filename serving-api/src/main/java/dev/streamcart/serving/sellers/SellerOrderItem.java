package dev.streamcart.serving.sellers;

import java.time.Instant;

/** One line of an order that a seller has to serve, with the order's state. Money as decimal strings. */
public record SellerOrderItem(long orderId, long itemId, String orderStatus, Instant orderedAt, long productId,
                              String productName, String productSku, int quantity, String unitPrice,
                              String totalPrice, String currency) {}
