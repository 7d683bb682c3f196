package dev.streamcart.serving.health;

import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

/**
 * {@code GET /health}: 200 when every required part is ready, 503 otherwise (same body shape).
 * {@code GET /health/live}: 200 while this process answers HTTP at all, whatever the shared parts
 * behind it do; a load balancer uses it, so that a ClickHouse outage does not take every instance
 * out of rotation at once.
 */
public final class HealthEndpoints {

    private final List<HealthCheck> checks;

    public HealthEndpoints(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public static void live(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    public void get(Context ctx) {
        HealthReport report = HealthReport.of(checks);
        ctx.status(report.isUp() ? 200 : 503).json(report);
    }
}
