package dev.streamcart.serving.health;

import java.util.List;

import io.javalin.http.Context;

/** {@code GET /health}: 200 when every required part is ready, 503 otherwise (same body shape). */
public final class HealthEndpoints {

    private final List<HealthCheck> checks;

    public HealthEndpoints(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public void get(Context ctx) {
        HealthReport report = HealthReport.of(checks);
        ctx.status(report.isUp() ? 200 : 503).json(report);
    }
}
