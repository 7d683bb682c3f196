package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Gives back part or all of a captured payment. {@code idempotencyKey} lets the provider
 * recognise a retry of the same refund.
 */
public record RefundRequest(String idempotencyKey, String paymentReference, BigDecimal amount, String currency) {

    public RefundRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund must be positive, was " + amount);
        }
    }
}
