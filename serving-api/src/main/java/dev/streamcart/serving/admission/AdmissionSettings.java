package dev.streamcart.serving.admission;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.schemas.config.Settings;

/**
 * How many requests that change something may run at once, and how long one waits for its turn
 * before it is refused with 503 and {@code Retry-After}.
 *
 * @param maxConcurrentWrites requests that change state running at once (each holds a PostgreSQL
 *     connection for most of its time, so twice the pool keeps the pool busy without a long queue)
 * @param maxWait how long a request waits for a free place before it is refused
 * @param retryAfter what the refusal tells the client to wait
 */
public record AdmissionSettings(int maxConcurrentWrites, Duration maxWait, Duration retryAfter) {

    public static final String MAX_CONCURRENT_WRITES = "api.admission.max-concurrent-writes";
    public static final String MAX_WAIT_MS = "api.admission.max-wait-ms";
    public static final String RETRY_AFTER_SECONDS = "api.admission.retry-after-seconds";

    public AdmissionSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxConcurrentWrites < 1) {
            throw new IllegalArgumentException(MAX_CONCURRENT_WRITES + " must be at least 1, was " + maxConcurrentWrites);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException(MAX_WAIT_MS + " must not be negative, was " + maxWait.toMillis());
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException(RETRY_AFTER_SECONDS + " must be at least 1, was " + retryAfter.toSeconds());
        }
    }

    /** Twice the connection pool at once, a second's wait, and a second before the retry. */
    public static AdmissionSettings defaults(int databasePoolSize) {
        return new AdmissionSettings(2 * databasePoolSize, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    public static AdmissionSettings from(Settings settings, int databasePoolSize) {
        AdmissionSettings defaults = defaults(databasePoolSize);
        return new AdmissionSettings(
                settings.getInt(MAX_CONCURRENT_WRITES, defaults.maxConcurrentWrites()),
                Duration.ofMillis(settings.getLong(MAX_WAIT_MS, defaults.maxWait().toMillis())),
                Duration.ofSeconds(settings.getLong(RETRY_AFTER_SECONDS, defaults.retryAfter().toSeconds())));
    }
}
