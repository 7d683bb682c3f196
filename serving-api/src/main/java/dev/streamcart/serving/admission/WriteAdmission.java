package dev.streamcart.serving.admission;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.javalin.http.Handler;

/**
 * Sheds load instead of queueing it without bound: a request that changes state runs only while
 * fewer than {@link AdmissionSettings#maxConcurrentWrites()} others do; one that finds no place
 * within {@link AdmissionSettings#maxWait()} is refused at once with 503, {@code Retry-After} and
 * a problem document, before it has read or written anything, so a refused request changes
 * nothing and an accepted one is never dropped. Under a spike beyond what PostgreSQL and the two
 * cores can absorb, accepted checkouts keep a bounded latency and the rest learn when to come back,
 * instead of every request waiting on the connection pool until clients time out.
 *
 * <p>Reads are not admitted here: they are served from the Streams apps' state and caches, and
 * the storefront must keep showing stock while checkout is saturated.
 */
public final class WriteAdmission {

    private final Bulkhead bulkhead;
    private final AdmissionSettings settings;
    private final LongAdder refused = new LongAdder();

    public WriteAdmission(AdmissionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        // fair: under a spike the request that waited longest goes first, so the wait stays bounded for each
        this.bulkhead = Bulkhead.of("writes", BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentWrites())
                .maxWaitDuration(settings.maxWait())
                .fairCallHandlingStrategyEnabled(true)
                .build());
    }

    /** {@code handler}, run only once admitted. */
    public Handler guard(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        return ctx -> {
            if (!bulkhead.tryAcquirePermission()) {
                refused.increment();
                long seconds = settings.retryAfter().toSeconds();
                throw new DomainException(ProblemKind.UNAVAILABLE, "the shop is taking more orders than it can"
                        + " process right now (" + settings.maxConcurrentWrites() + " in progress); nothing was"
                        + " changed, retry in " + seconds + " s", Map.of("retryAfterSeconds", seconds));
            }
            try {
                handler.handle(ctx);
            } finally {
                bulkhead.onComplete();
            }
        };
    }

    /** Requests refused since the start. */
    public long refused() {
        return refused.sum();
    }

    /** Requests running now. */
    public int inProgress() {
        return settings.maxConcurrentWrites() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }
}
