package dev.streamcart.serving.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
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
 * <p>The buckets are fixed (5 ms to 10 s) rather than Micrometer's percentile histogram: with
 * about a hundred routes, its 70-odd buckets per series would make every scrape megabytes.
 */
public final class RequestMetrics implements RequestLogger {

    public static final String NAME = "http.server.requests";
    public static final String UNMATCHED_ROUTE = "other";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        @Nullable Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Timer.builder(NAME)
                .description("HTTP requests answered, by route template, method and status class")
                .tag("method", ctx.method().name())
                .tag("route", endpoint == null ? UNMATCHED_ROUTE : endpoint.path)
                .tag("status", statusClass(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Math.round(executionTimeMs.doubleValue() * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** {@code 2xx} .. {@code 5xx}: the class is what alerts use, and it keeps the series few. */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
