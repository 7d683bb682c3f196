package dev.streamcart.loadgen.traffic;

import java.time.Duration;
import java.util.random.RandomGenerator;

import dev.streamcart.loadgen.pacing.Sleeper;

/**
 * The pause of a shopper between two clicks: exponentially distributed around a mean (most
 * pauses short, a few long), capped at four times the mean.
 */
final class ThinkTime {

    private final long meanNanos;
    private final Sleeper sleeper;

    ThinkTime(Duration mean, Sleeper sleeper) {
        if (mean.isNegative()) {
            throw new IllegalArgumentException("think time must not be negative, was " + mean);
        }
        this.meanNanos = mean.toNanos();
        this.sleeper = sleeper;
    }

    /** @return false when the pause was cut short because the run is stopping */
    boolean pause(RandomGenerator random) {
        if (meanNanos == 0) {
            return sleeper.sleepNanos(0);
        }
        double draw = -Math.log(1 - random.nextDouble());
        long nanos = (long) (Math.min(draw, 4.0) * meanNanos);
        return sleeper.sleepNanos(nanos);
    }
}
