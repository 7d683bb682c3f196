package dev.streamcart.serving.refunds;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A refund request. Without {@code amount}, the amount is the listed items' price, or, without
 * items either, everything still refundable (and every unit not yet returned goes back to stock).
 * Listed items are restocked; an amount alone (a goodwill refund) returns no goods.
 */
public record RefundOrder(long orderId, @Nullable BigDecimal amount, List<Line> items, String reason) {

    public record Line(long productId, int quantity) {}

    public RefundOrder {
        Objects.requireNonNull(reason, "reason");
        items = List.copyOf(items);
    }
}
