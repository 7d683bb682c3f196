package dev.streamcart.serving.health;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** The state of one part the API depends on, with a short human explanation when not UP. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentHealth(Status status, @Nullable String detail) {

    public enum Status { UP, DOWN, UNKNOWN, DISABLED }

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
    }

    public static ComponentHealth up() {
        return new ComponentHealth(Status.UP, null);
    }

    public static ComponentHealth up(String detail) {
        return new ComponentHealth(Status.UP, detail);
    }

    public static ComponentHealth down(String detail) {
        return new ComponentHealth(Status.DOWN, detail);
    }

    public static ComponentHealth unknown(String detail) {
        return new ComponentHealth(Status.UNKNOWN, detail);
    }

    public static ComponentHealth disabled(String detail) {
        return new ComponentHealth(Status.DISABLED, detail);
    }
}
