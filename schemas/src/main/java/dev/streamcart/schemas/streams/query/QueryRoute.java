package dev.streamcart.schemas.streams.query;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One route {@code GET <prefix>{id}<suffix>}, such as {@code /orders/{orderId}} or
 * {@code /users/{userId}/orders}, whose answer lives with the instance that owns the id's key
 * {@code Topics.key(id)} in {@code storeName}.
 *
 * @param template the path with exactly one {@code {name}} placeholder for a whole-number id
 * @param storeName the state store whose partitioning decides which instance answers
 * @param answer what the owner answers, and how a request is checked before it is routed
 */
public record QueryRoute(String template, String storeName, KeyedAnswer answer) {

    public QueryRoute {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(answer, "answer");
        int open = template.indexOf('{');
        int close = template.indexOf('}');
        if (!template.startsWith("/") || open < 0 || close < open || template.indexOf('{', close) >= 0) {
            throw new IllegalArgumentException("template must be a path with one {id} placeholder, was " + template);
        }
    }

    /** The name of the id in the template, for messages: {@code orderId} in {@code /orders/{orderId}}. */
    public String idName() {
        return template.substring(template.indexOf('{') + 1, template.indexOf('}'));
    }

    /** The id's text when {@code path} matches this route, else null. */
    public @Nullable String match(String path) {
        String prefix = template.substring(0, template.indexOf('{'));
        String suffix = template.substring(template.indexOf('}') + 1);
        if (path.length() <= prefix.length() + suffix.length() || !path.startsWith(prefix) || !path.endsWith(suffix)) {
            return null;
        }
        String id = path.substring(prefix.length(), path.length() - suffix.length());
        return id.indexOf('/') >= 0 ? null : id;
    }
}
