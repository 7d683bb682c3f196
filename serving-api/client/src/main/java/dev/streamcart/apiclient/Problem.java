package dev.streamcart.apiclient;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * An error answer of the API as RFC 9457 problem details ({@code application/problem+json}). A body
 * that is not a problem (a proxy's HTML page, say) still gives one: its status, type
 * {@code about:blank} and an empty title.
 *
 * @param type   a URI whose last segment names the problem, such as {@code .../price-changed}
 * @param title  a short summary, the same for every occurrence of the type
 * @param status the HTTP status the problem was answered with
 * @param detail what went wrong this time, when the API said
 */
public record Problem(String type, String title, int status, @Nullable String detail) {

    private static final String BLANK_TYPE = "about:blank";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
    }

    /** The problem in {@code body} (parsed JSON, or a missing node), answered with {@code status}. */
    static Problem of(int status, JsonNode body) {
        JsonNode detail = body.path("detail");
        return new Problem(body.path("type").asText(BLANK_TYPE), body.path("title").asText(""), status,
                detail.isValueNode() && !detail.isNull() ? detail.asText() : null);
    }

    /** Whether the type's last segment is {@code slug} (for example {@code price-changed}). */
    public boolean is(String slug) {
        return type.endsWith("/" + slug) || type.equals(slug);
    }

    /** The detail, else the title, else {@code fallback}: the most specific words the API gave. */
    public String explanation(String fallback) {
        if (detail != null && !detail.isEmpty()) {
            return detail;
        }
        return title.isEmpty() ? fallback : title;
    }
}
