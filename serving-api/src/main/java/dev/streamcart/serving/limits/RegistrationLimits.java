package dev.streamcart.serving.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * Sign-ups per client address: at most {@code maxPerClient} within a sliding {@code window}. Each
 * costs a BCrypt hash and a row. An admin creating accounts (the traffic simulator builds its
 * shoppers that way) is the operator and is not counted.
 */
public record RegistrationLimits(int maxPerClient, Duration window) {

    public static final String PREFIX = "api.limits.registration.";

    public RegistrationLimits {
        Objects.requireNonNull(window, "window");
        if (maxPerClient < 1) {
            throw new IllegalArgumentException(PREFIX + "max-per-client must be at least 1, was " + maxPerClient);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(PREFIX + "window must be positive, was " + window);
        }
    }

    /** 20 sign-ups per client address per 10 minutes. */
    public static RegistrationLimits defaults() {
        return new RegistrationLimits(20, Duration.ofMinutes(10));
    }
}
