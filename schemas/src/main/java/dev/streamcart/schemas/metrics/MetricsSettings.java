package dev.streamcart.schemas.metrics;

import java.util.Objects;

import dev.streamcart.schemas.config.Settings;

/**
 * Where a service serves {@code /metrics} when it has no HTTP server of its own to add it to.
 *
 * @param host {@code metrics.host}, default {@code 127.0.0.1}: a scraper on the same machine (or a
 *             sidecar) reaches it, the public network and the API's load balancer do not
 * @param port {@code metrics.port}, default 0: a free port (logged at start)
 */
public record MetricsSettings(String host, int port) {

    public static final String HOST = "metrics.host";
    public static final String PORT = "metrics.port";
    public static final String LOOPBACK = "127.0.0.1";

    public MetricsSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("metrics.host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics.port must be within 0..65535, was " + port);
        }
    }

    /** On 127.0.0.1, at {@code port} (0: a free one). */
    public static MetricsSettings loopback(int port) {
        return new MetricsSettings(LOOPBACK, port);
    }

    public static MetricsSettings from(Settings settings) {
        return new MetricsSettings(settings.get(HOST, LOOPBACK), settings.getInt(PORT, 0));
    }
}
