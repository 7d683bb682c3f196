package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.util.Objects;

/** Reserve {@code amount} on the buyer's instrument for an order; {@code reference} makes retries safe. */
public record AuthorizationRequest(String reference, long orderId, BigDecimal amount, String currency,
                                   PaymentInstrument instrument) {

    public AuthorizationRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(instrument, "instrument");
    }
}
