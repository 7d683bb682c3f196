package dev.streamcart.serving.readmodels;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the instances of one Kafka Streams app answer interactive queries, for example
 * {@code http://127.0.0.1:7071}. Any instance answers any key (it forwards to the owner), so the
 * list only needs enough instances that one is always up.
 *
 * @param app the Streams app's name, for messages
 * @param instances base URLs, at least one
 */
public record QueryEndpoints(String app, List<URI> instances) {

    public QueryEndpoints {
        Objects.requireNonNull(app, "app");
        instances = List.copyOf(Objects.requireNonNull(instances, "instances"));
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("the query endpoints of " + app + " need at least one instance");
        }
    }

    /** Parses a comma-separated list of base URLs such as {@code http://127.0.0.1:7071,http://127.0.0.1:7072}. */
    public static QueryEndpoints parse(String app, String urls) {
        Objects.requireNonNull(urls, "urls");
        List<URI> parsed = Arrays.stream(urls.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(url -> {
                    URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
                    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                        throw new IllegalArgumentException("a query endpoint of " + app
                                + " must look like http://host:port, was '" + url + "'");
                    }
                    return uri;
                })
                .toList();
        return new QueryEndpoints(app, parsed);
    }
}
