package dev.streamcart.serving.health;

import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

/**
 * {@code GET /health}: 200 when every required part is ready, 503 otherwise (same body shape). It
 * is public, so it says only the overall status and each part's status, never why: a detail can
 * hold an internal address or the text of an SQL error.
 * {@code GET /api/admin/health}: the same checks and status code with each part's detail, for
 * operators (the route admits admins only).
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
        ctx.status(report.isUp() ? 200 : 503).json(report.withoutDetail());
    }

    public void detailed(Context ctx) {
        HealthReport report = HealthReport.of(checks);
        ctx.status(report.isUp() ? 200 : 503).json(report);
    }
}
