package dev.streamcart.serving.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Content-Security-Policy, as directives and their sources in the order given. It starts from
 * {@link #NOTHING}, which allows no script, style, image or connection, no framing by any page, no
 * {@code <base>} and no form submission; a page then allows exactly what it needs with
 * {@link #allow}. Directives are never repeated in the header: a browser would ignore the second.
 */
public record ContentSecurityPolicy(Map<String, List<String>> directives) {

    public static final String HEADER = "Content-Security-Policy";

    /**
     * Nothing may load or run. {@code frame-ancestors}, {@code base-uri} and {@code form-action} are
     * spelled out because they do not fall back to {@code default-src}.
     */
    public static final ContentSecurityPolicy NOTHING = new ContentSecurityPolicy(Map.of())
            .allow("default-src", "'none'")
            .allow("base-uri", "'none'")
            .allow("form-action", "'none'")
            .allow("frame-ancestors", "'none'");

    public ContentSecurityPolicy {
        Objects.requireNonNull(directives, "directives");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        directives.forEach((name, sources) -> copy.put(name, List.copyOf(sources)));
        directives = Collections.unmodifiableMap(copy);
    }

    /** This policy with {@code sources} added to {@code directive} (created after the others when absent). */
    public ContentSecurityPolicy allow(String directive, String... sources) {
        Objects.requireNonNull(directive, "directive");
        if (directive.isBlank() || directive.contains(";")) {
            throw new IllegalArgumentException("directive must be one directive name, was '" + directive + "'");
        }
        Map<String, List<String>> more = new LinkedHashMap<>(directives);
        List<String> merged = new ArrayList<>(more.getOrDefault(directive, List.of()));
        for (String source : sources) {
            if (!merged.contains(source)) {
                merged.add(source);
            }
        }
        more.put(directive, merged);
        return new ContentSecurityPolicy(more);
    }

    /** The header value, e.g. {@code default-src 'none'; frame-ancestors 'none'}. */
    public String header() {
        return directives.entrySet().stream()
                .map(directive -> directive.getValue().isEmpty() ? directive.getKey()
                        : directive.getKey() + " " + String.join(" ", directive.getValue()))
                .collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return header();
    }
}
