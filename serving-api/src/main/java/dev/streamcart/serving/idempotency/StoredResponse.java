package dev.streamcart.serving.idempotency;

import java.util.Objects;

/** The first response to an idempotent request, replayed verbatim to its retries. */
public record StoredResponse(int status, String contentType, String body) {

    public StoredResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
