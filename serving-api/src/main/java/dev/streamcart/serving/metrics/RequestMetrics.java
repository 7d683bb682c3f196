package dev.streamcart.serving.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * {@code http_server_requests_seconds}: a latency histogram (and so a count) per route template,
 * method and status class, for every request Javalin answered, refusals included. The route is
 * the template ({@code /api/orders/{id}}), never the raw path: ids would give one series per order.
 * Requests that matched no route (static files, unknown paths) share the route {@code other}.
 *
 * <p>Timed from the first {@code before} handler to an {@code after} handler, which Javalin runs
 * for refusals and unknown paths too: the time is the handling, without sending a result that was
 * still buffered at the end.
 *
 * <p>The buckets are fixed (5 ms to 10 s) rather than Micrometer's percentile histogram: with
 * about a hundred routes, its 70-odd buckets per series would make every scrape megabytes.
 */
public final class RequestMetrics {

    public static final String NAME = "http.server.requests";
    public static final String UNMATCHED_ROUTE = "other";
    private static final String STARTED_AT = RequestMetrics.class.getName() + ".startedAt";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The first {@code before} handler: notes when the request arrived. */
    public void start(Context ctx) {
        ctx.attribute(STARTED_AT, System.nanoTime());
    }

    /** An {@code after} handler: records the request under its route, method and final status. */
    public void record(Context ctx) {
        @Nullable Long startedAt = ctx.attribute(STARTED_AT);
        if (startedAt == null) {
            return;
        }
        @Nullable Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Timer.builder(NAME)
                .description("HTTP requests answered, by route template, method and status class")
                .tag("method", ctx.method().name())
                .tag("route", endpoint == null ? UNMATCHED_ROUTE : endpoint.path)
                .tag("status", statusClass(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
    }

    /** {@code 2xx} .. {@code 5xx}: the class is what alerts use, and it keeps the series few. */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
