package dev.streamcart.serving.problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An RFC 9457 problem document: {@code type, title, status, detail} plus extension members. */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail, @JsonIgnore Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        extensions = new LinkedHashMap<>(extensions);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, Map.of());
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
