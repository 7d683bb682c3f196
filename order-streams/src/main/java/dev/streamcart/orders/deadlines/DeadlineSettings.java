package dev.streamcart.orders.deadlines;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an order may wait at each step before order-streams acts, and how often it checks.
 *
 * @param paymentTimeout an order still PENDING_PAYMENT this long after it was placed is expired
 *                       ({@code orders.payment-timeout}, default PT15M)
 * @param shipSla an order PAID this long ago and not shipped raises an SLA alert
 *                ({@code orders.ship-sla}, default PT24H)
 * @param checkInterval wall-clock interval of the punctuators that look for overdue orders
 *                      ({@code orders.deadline-check-interval}, default PT10S)
 */
public record DeadlineSettings(Duration paymentTimeout, Duration shipSla, Duration checkInterval) {

    public static final Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_SHIP_SLA = Duration.ofHours(24);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);

    public DeadlineSettings {
        requirePositive(paymentTimeout, "paymentTimeout");
        requirePositive(shipSla, "shipSla");
        requirePositive(checkInterval, "checkInterval");
    }

    public static DeadlineSettings defaults() {
        return new DeadlineSettings(DEFAULT_PAYMENT_TIMEOUT, DEFAULT_SHIP_SLA, DEFAULT_CHECK_INTERVAL);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
