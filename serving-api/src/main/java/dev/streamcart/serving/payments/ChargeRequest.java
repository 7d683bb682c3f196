package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A charge for an order. {@code idempotencyKey} is passed on so that a real provider, called again
 * after our transaction rolled back, returns the first charge instead of making a second one.
 */
public record ChargeRequest(String idempotencyKey, long orderId, BigDecimal amount, String currency, CardNumber card) {

    public ChargeRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(card, "card");
    }
}
