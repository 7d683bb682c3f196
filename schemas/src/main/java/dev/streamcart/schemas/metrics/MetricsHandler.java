package dev.streamcart.schemas.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /metrics} (and {@code HEAD}) of a JDK {@code HttpServer}: the Prometheus scrape of a
 * {@link ServiceMetrics}. Shared by {@link MetricsServer} and the Streams services' query endpoint,
 * which serve the same answer on different servers.
 */
public final class MetricsHandler implements HttpHandler {

    public static final String PATH = "/metrics";

    private final ServiceMetrics metrics;

    public MetricsHandler(ServiceMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = metrics.scrape();
            exchange.getResponseHeaders().set("Content-Type", ServiceMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, "HEAD".equals(method) ? -1 : body.length);
            if (!"HEAD".equals(method)) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
