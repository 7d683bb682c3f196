package dev.streamcart.serving.badinput;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request an operation accepts from its owner, with the fixture's placeholders: the starting point
 * of every matrix cell and of every fuzz mutation. Besides the {@link StoreFixture} placeholders,
 * {@code @key} (in a header) becomes a fresh Idempotency-Key, {@code @ticket} a stream ticket of the
 * caller, and {@code @freshAddress} an address of the customer made just before the request (for a
 * DELETE that would otherwise remove the one address every later request needs).
 *
 * @param pathAndQuery the path with its query, placeholders allowed
 * @param body the JSON body (placeholders allowed), or null
 * @param binaryType the Content-Type of a binary body (a PNG photo) instead of JSON, or null
 * @param headers extra headers, name and value pairs
 */
record ValidRequest(String pathAndQuery, @Nullable String body, @Nullable String binaryType, List<String> headers) {

    ValidRequest {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = List.copyOf(headers);
        if (body != null && binaryType != null) {
            throw new IllegalArgumentException("a request has a JSON body or a binary one, not both");
        }
    }

    String path() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    String query() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? "" : pathAndQuery.substring(query + 1);
    }
}
