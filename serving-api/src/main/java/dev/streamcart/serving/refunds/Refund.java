package dev.streamcart.serving.refunds;

import java.util.List;
import java.util.Objects;

/**
 * A committed refund: its amount and what it returned to stock ({@code ON_HAND}: shipped goods back
 * on the shelf; {@code RELEASED}: unshipped goods out of the reservation). Money as decimal strings.
 */
public record Refund(long id, long orderId, String amount, String currency, String reason, String orderStatus,
                     String refundedTotal, String refundable, List<Restocked> restocked) {

    public record Restocked(long productId, long warehouseId, int quantity, String restock) {}

    public Refund {
        Objects.requireNonNull(amount, "amount");
        restocked = List.copyOf(restocked);
    }
}
