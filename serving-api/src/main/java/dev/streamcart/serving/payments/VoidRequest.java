package dev.streamcart.serving.payments;

import java.util.Objects;

/** Release an authorisation that will not be captured; {@code reference} makes retries safe. */
public record VoidRequest(String reference, String authorizationReference) {

    public VoidRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(authorizationReference, "authorizationReference");
    }
}
