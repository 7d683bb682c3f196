package dev.streamcart.serving.idempotency;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** The client's {@code Idempotency-Key} header: 1 to 255 visible ASCII characters. */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw DomainException.invalidInput(HEADER + " must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
    }

    /** The key of a request that must carry one. */
    public static IdempotencyKey required(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw DomainException.invalidInput("the " + HEADER + " header is required: retries with the same key "
                    + "return the first result instead of repeating the operation");
        }
        return new IdempotencyKey(header.trim());
    }

    /** The key of a request where one is optional; null when absent. */
    public static @Nullable IdempotencyKey optional(@Nullable String header) {
        return header == null || header.isBlank() ? null : new IdempotencyKey(header.trim());
    }
}
