package dev.streamcart.loadgen.traffic;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a traffic run is paced and when it ends.
 *
 * @param workers         virtual-user threads
 * @param ordersPerSecond target checkout rate (the profile's multiplier already applied)
 * @param maxOrders       stop after this many placed orders; 0 for no limit
 * @param duration        stop after this long; null to run until stopped
 * @param thinkTime       mean pause between two clicks of a shopper
 * @param reportInterval  how often a status line is printed
 * @param restockInterval how often the restocker checks stock
 * @param seed            seed of the shoppers' random decisions
 */
public record RunSettings(int workers, double ordersPerSecond, long maxOrders, @Nullable Duration duration,
        Duration thinkTime, Duration reportInterval, Duration restockInterval, long seed) {

    public RunSettings {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, was " + workers);
        }
        if (!(ordersPerSecond > 0)) {
            throw new IllegalArgumentException("ordersPerSecond must be positive, was " + ordersPerSecond);
        }
        if (maxOrders < 0) {
            throw new IllegalArgumentException("maxOrders must not be negative, was " + maxOrders);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        Objects.requireNonNull(thinkTime, "thinkTime");
        requirePositive("reportInterval", reportInterval);
        requirePositive("restockInterval", restockInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
