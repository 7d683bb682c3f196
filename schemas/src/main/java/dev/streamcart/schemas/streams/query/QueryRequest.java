package dev.streamcart.schemas.streams.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One GET as the query layer sees it, independent of the HTTP server.
 *
 * @param pathAndQuery the request target, forwarded unchanged to the owner
 * @param parameters the query parameters (the first value of each)
 * @param accept the {@code Accept} header, empty when absent; forwarded so the owner encodes the same way
 * @param forwardedBy {@code host:port} of the instance that forwarded this request, null when a client sent it
 */
public record QueryRequest(String pathAndQuery, Map<String, String> parameters, String accept, @Nullable String forwardedBy) {

    public QueryRequest {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(accept, "accept");
    }

    /** Builds a request from its raw path, raw (still encoded) query string and headers. */
    public static QueryRequest of(String path, @Nullable String rawQuery, @Nullable String accept, @Nullable String forwardedBy) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.putIfAbsent(name, value);
            }
        }
        String target = rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
        return new QueryRequest(target, parameters, accept == null ? "" : accept, forwardedBy);
    }

    public boolean wantsAvro() {
        return accept.contains(QueryHeaders.AVRO_BINARY);
    }

    public boolean forwarded() {
        return forwardedBy != null;
    }

    /**
     * The whole-number parameter {@code name}, {@code defaultValue} when absent.
     *
     * @throws BadQueryException when it is not a whole number within {@code min..max}
     */
    public int intParameter(String name, int defaultValue, int min, int max) {
        String text = parameters.get(name);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadQueryException(name + " must be a whole number in " + min + ".." + max + ", was '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadQueryException(name + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
