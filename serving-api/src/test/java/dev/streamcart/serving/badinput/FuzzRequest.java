package dev.streamcart.serving.badinput;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One request the fuzzer sends: a valid request with one thing wrong. Path, query, headers and body
 * still hold the fixture's placeholders, resolved just before sending (so each gets a fresh
 * Idempotency-Key).
 *
 * @param name what was changed, for the report
 * @param pathAndQuery path and query, percent-encoded as they go on the wire
 * @param body a text body, JSON or not (null: none, or the binary one)
 * @param contentType the Content-Type header (null: none)
 * @param headers other headers, name and value pairs; a name may repeat
 * @param binary a binary body (a photo) instead of a text one, or null
 */
record FuzzRequest(String name, String pathAndQuery, @Nullable String body, @Nullable String contentType,
                   List<String> headers, byte @Nullable [] binary) {

    FuzzRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
        return name;
    }
}
