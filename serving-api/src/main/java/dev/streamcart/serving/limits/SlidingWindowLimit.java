package dev.streamcart.serving.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * At most {@code max} events per key within a sliding window, counted when the event is let in (so
 * parallel requests cannot all pass a check made before any of them is counted). Keys are kept
 * for one window after their last event and at most {@link #MAX_KEYS} of them, so memory stays
 * bounded whatever the number of addresses. In memory, per instance.
 */
public final class SlidingWindowLimit {

    static final int MAX_KEYS = 100_000;

    private final String what;
    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> events;

    public SlidingWindowLimit(String what, int max, Duration window, Clock clock) {
        this.what = Objects.requireNonNull(what, "what");
        this.max = max;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(MAX_KEYS).build();
    }

    /** Counts an event of {@code key}; 429 with {@code Retry-After} when the window already holds the maximum. */
    public void acquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = events.get(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            Instant oldest = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
                times.removeFirst();
            }
            if (times.size() >= max) {
                long seconds = Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds() + 1);
                throw new DomainException(ProblemKind.TOO_MANY_REQUESTS, "too many " + what + " from this client; retry in "
                        + seconds + " s", Map.of("retryAfterSeconds", seconds));
            }
            times.addLast(now);
        }
    }
}
