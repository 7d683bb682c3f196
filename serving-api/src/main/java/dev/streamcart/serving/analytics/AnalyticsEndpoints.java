package dev.streamcart.serving.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** HTTP handlers of the sales API and of the live dashboard page that polls it. */
public final class AnalyticsEndpoints {

    private static final int DEFAULT_MINUTES = 60;

    private final @Nullable SalesPerMinute sales;
    private final String dashboardHtml;

    /** @param sales null when the API runs without ClickHouse; the sales API then answers 503 */
    public AnalyticsEndpoints(@Nullable SalesPerMinute sales) {
        this.sales = sales;
        this.dashboardHtml = resource("/dashboard/index.html");
    }

    public void sales(Context ctx) {
        int minutes = minutes(ctx.queryParam("minutes")); // a bad request is a 400 whether or not ClickHouse is there
        if (sales == null) {
            throw new DomainException(ProblemKind.UNAVAILABLE, "no ClickHouse is configured (clickhouse.url)");
        }
        ctx.json(sales.lastMinutes(minutes));
    }

    public void dashboard(Context ctx) {
        ctx.header("Cache-Control", "no-cache").html(dashboardHtml);
    }

    private static int minutes(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_MINUTES;
        }
        try {
            int minutes = Integer.parseInt(raw.trim());
            if (minutes >= 1 && minutes <= SalesPerMinute.MAX_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalidInput("'minutes' must be an integer from 1 to " + SalesPerMinute.MAX_MINUTES
                + ", was '" + raw + "'");
    }

    private static String resource(String name) {
        try (InputStream in = AnalyticsEndpoints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
