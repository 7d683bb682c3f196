package dev.streamcart.schemas.streams.query;

import java.util.Objects;

import dev.streamcart.schemas.config.Settings;
import org.jspecify.annotations.Nullable;

/**
 * Where a Streams instance answers interactive queries: the address it binds and the one it
 * advertises to the other instances (Kafka Streams' {@code application.server}). On one machine both
 * are 127.0.0.1; in containers the instance binds every interface and advertises an address the
 * others can reach.
 *
 * @param bindHost       {@code <prefix>.host}, default {@code 127.0.0.1}
 * @param advertisedHost {@code <prefix>.advertised-host}; null: the bound host, or this host's address
 *                       when bound to every interface
 * @param port           {@code <prefix>.port}, default 0: a free port
 */
public record QueryEndpointSettings(String bindHost, @Nullable String advertisedHost, int port) {

    public static final String LOOPBACK = "127.0.0.1";

    public QueryEndpointSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        if (advertisedHost != null && advertisedHost.isBlank()) {
            advertisedHost = null;
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the query port must be 0..65535, was " + port);
        }
    }

    /** On 127.0.0.1, advertised as such. */
    public static QueryEndpointSettings loopback(int port) {
        return new QueryEndpointSettings(LOOPBACK, null, port);
    }

    /** Reads {@code <prefix>.host}, {@code <prefix>.advertised-host} and {@code <prefix>.port}. */
    public static QueryEndpointSettings from(Settings settings, String prefix) {
        return new QueryEndpointSettings(settings.get(prefix + ".host", LOOPBACK), settings.find(prefix + ".advertised-host"),
                settings.getInt(prefix + ".port", 0));
    }

    /** Whether the endpoint listens on every interface (0.0.0.0 or ::). */
    public boolean bindsEveryInterface() {
        return "0.0.0.0".equals(bindHost) || "::".equals(bindHost);
    }
}
