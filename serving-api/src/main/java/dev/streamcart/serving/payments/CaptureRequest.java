package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.util.Objects;

/** Take {@code amount} of an authorisation; {@code reference} makes retries safe. */
public record CaptureRequest(String reference, String authorizationReference, BigDecimal amount, String currency) {

    public CaptureRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(authorizationReference, "authorizationReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
