package dev.streamcart.orders;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Properties;

import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.streams.StreamsProperties;
import dev.streamcart.schemas.streams.StreamsScaling;
import dev.streamcart.schemas.streams.query.QueryEndpointSettings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Everything order-streams needs to start, read once from {@link Settings}. Defaults live here
 * and nowhere else.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code kafka.bootstrap-servers})
 * @param schemaRegistryUrl registry for the Avro topics ({@code schema-registry.url})
 * @param stateDirectory local state, kept across restarts ({@code <platform.data-dir>/order-streams/state})
 * @param scaling stream threads and standby replicas ({@code streams.num-threads}, {@code streams.num-standby-replicas})
 * @param deadlines payment timeout, shipping SLA and how often they are checked ({@code orders.*})
 * @param query where the interactive-query endpoint binds and what it advertises ({@code orders.query.host}, default
 *        127.0.0.1; {@code orders.query.advertised-host}; {@code orders.query.port}, default 0: a free port)
 */
public record OrderStreamsConfig(String bootstrapServers, String schemaRegistryUrl, Path stateDirectory, StreamsScaling scaling,
                                 DeadlineSettings deadlines, QueryEndpointSettings query) {

    public static final String APPLICATION_ID = "order-streams";
    public static final String PAYMENT_TIMEOUT = "orders.payment-timeout";
    public static final String SHIP_SLA = "orders.ship-sla";
    public static final String DEADLINE_CHECK_INTERVAL = "orders.deadline-check-interval";
    /** Prefix of the query endpoint's keys: {@code .host}, {@code .advertised-host}, {@code .port}. */
    public static final String QUERY = "orders.query";
    public static final String QUERY_PORT = QUERY + ".port";

    public OrderStreamsConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(query, "query");
    }

    public static OrderStreamsConfig from(Settings settings) {
        return new OrderStreamsConfig(
                settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.require(CommonKeys.SCHEMA_REGISTRY_URL),
                Path.of(settings.require(CommonKeys.DATA_DIR)).resolve(APPLICATION_ID).resolve("state"),
                StreamsScaling.from(settings),
                new DeadlineSettings(
                        duration(settings, PAYMENT_TIMEOUT, DeadlineSettings.DEFAULT_PAYMENT_TIMEOUT),
                        duration(settings, SHIP_SLA, DeadlineSettings.DEFAULT_SHIP_SLA),
                        duration(settings, DEADLINE_CHECK_INTERVAL, DeadlineSettings.DEFAULT_CHECK_INTERVAL)),
                QueryEndpointSettings.from(settings, QUERY));
    }

    /** The same configuration with another state folder (a second instance in one JVM needs its own). */
    public OrderStreamsConfig withStateDirectory(Path folder) {
        return new OrderStreamsConfig(bootstrapServers, schemaRegistryUrl, folder, scaling, deadlines, query);
    }

    /** An ISO-8601 duration such as {@code PT15M}. */
    static Duration duration(Settings settings, String key, Duration defaultValue) {
        String text = settings.find(key);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT15M, was '" + text + "'", e);
        }
    }

    /**
     * Kafka Streams properties, shared by every streams service (see {@link StreamsProperties}),
     * without a query endpoint: for a topology run without answering queries.
     */
    public Properties streamsProperties() {
        return StreamsProperties.exactlyOnce(APPLICATION_ID, bootstrapServers, stateDirectory, scaling);
    }

    /** {@link #streamsProperties()} plus the query endpoint this instance advertises to the others. */
    public Properties streamsProperties(HostInfo queryEndpoint) {
        Properties props = streamsProperties();
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, queryEndpoint.host() + ":" + queryEndpoint.port());
        return props;
    }
}
