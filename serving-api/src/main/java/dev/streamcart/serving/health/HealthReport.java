package dev.streamcart.serving.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** {@code {"status":"UP","components":{"postgres":{"status":"UP"},...}}}. */
public record HealthReport(String status, Map<String, ComponentHealth> components) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        components = new LinkedHashMap<>(components);
    }

    @JsonIgnore
    public boolean isUp() {
        return "UP".equals(status);
    }

    /**
     * The same report without any component's detail: what anyone may see. The details name
     * addresses, exception and SQL text, model versions; they are for operators only.
     */
    public HealthReport withoutDetail() {
        Map<String, ComponentHealth> statuses = new LinkedHashMap<>();
        components.forEach((name, health) -> statuses.put(name, new ComponentHealth(health.status(), null)));
        return new HealthReport(status, statuses);
    }

    /** Runs every check; the report is UP when every required check is UP (a DISABLED part is not required). */
    public static HealthReport of(List<HealthCheck> checks) {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            ComponentHealth health = check.run();
            components.put(check.name(), health);
            boolean acceptable = health.status() == ComponentHealth.Status.UP
                    || health.status() == ComponentHealth.Status.DISABLED;
            if (check.required() && !acceptable) {
                up = false;
            }
        }
        return new HealthReport(up ? "UP" : "DOWN", components);
    }
}
