package dev.streamcart.serving.health;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One named probe. A required check that is not UP makes the whole API report DOWN (503); an
 * optional one (the recommender, which legitimately has no model at first) only informs.
 */
public record HealthCheck(String name, boolean required, Supplier<ComponentHealth> probe) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
    }

    ComponentHealth run() {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return ComponentHealth.down(e.toString());
        }
    }
}
