package dev.streamcart.recommender.evaluation;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where the time-based hold-out starts: the last {@code days} of the data when given, else the last
 * {@code fraction} of its time range. Interactions at or after the cutoff are held out.
 */
public record HoldOut(double fraction, @Nullable Double days) {

    public HoldOut {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("hold-out fraction must be in (0, 1), was " + fraction);
        }
        if (days != null && !(days > 0)) {
            throw new IllegalArgumentException("hold-out days must be positive, was " + days);
        }
    }

    public Instant cutoff(Instant from, Instant to) {
        if (days != null) {
            return to.minusMillis((long) (days * 86_400_000L));
        }
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis((long) Math.ceil(span * (1 - fraction)));
    }

    public String describe() {
        return days != null ? "last " + days + " days" : "last " + Math.round(fraction * 100) + "% of the time range";
    }
}
