package dev.streamcart.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

import dev.streamcart.inventory.alerts.ReorderSuggestion;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.streams.StreamsProperties;
import dev.streamcart.schemas.streams.StreamsScaling;
import dev.streamcart.schemas.streams.query.QueryEndpointSettings;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Everything inventory-streams needs to start, read once from {@link Settings}. Defaults live here
 * and nowhere else.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code kafka.bootstrap-servers})
 * @param schemaRegistryUrl registry for the Avro topics ({@code schema-registry.url})
 * @param stateDirectory local state, kept across restarts ({@code <platform.data-dir>/inventory-streams/state})
 * @param scaling stream threads and standby replicas ({@code streams.num-threads}, {@code streams.num-standby-replicas})
 * @param reorderCoverDays days of sales a REORDER suggestion covers ({@code inventory.reorder-cover-days}, default 14)
 * @param query where the interactive-query endpoint binds and what it advertises ({@code inventory.query.host},
 *        default 127.0.0.1; {@code inventory.query.advertised-host}; {@code inventory.query.port}, default 0: a free port)
 * @param velocityRefreshInterval how often sales velocity is re-evaluated against the wall clock
 *        ({@code inventory.velocity.refresh-interval}, ISO-8601 duration or milliseconds, default 1 minute)
 */
public record InventoryStreamsConfig(String bootstrapServers, String schemaRegistryUrl, Path stateDirectory, StreamsScaling scaling,
        int reorderCoverDays, QueryEndpointSettings query, Duration velocityRefreshInterval) {

    public static final String APPLICATION_ID = "inventory-streams";
    public static final String REORDER_COVER_DAYS = "inventory.reorder-cover-days";
    /** Prefix of the query endpoint's keys: {@code .host}, {@code .advertised-host}, {@code .port}. */
    public static final String QUERY = "inventory.query";
    public static final String QUERY_PORT = QUERY + ".port";
    public static final String VELOCITY_REFRESH_INTERVAL = "inventory.velocity.refresh-interval";
    public static final Duration DEFAULT_VELOCITY_REFRESH_INTERVAL = Duration.ofMinutes(1);

    public InventoryStreamsConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(velocityRefreshInterval, "velocityRefreshInterval");
        Objects.requireNonNull(scaling, "scaling");
        if (reorderCoverDays < 1) {
            throw new IllegalArgumentException("reorderCoverDays must be >= 1, was " + reorderCoverDays);
        }
        Objects.requireNonNull(query, "query");
        if (velocityRefreshInterval.toMillis() < 1) {
            throw new IllegalArgumentException("velocityRefreshInterval must be at least 1 ms, was " + velocityRefreshInterval);
        }
    }

    public static InventoryStreamsConfig from(Settings settings) {
        return new InventoryStreamsConfig(
                settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.require(CommonKeys.SCHEMA_REGISTRY_URL),
                Path.of(settings.require(CommonKeys.DATA_DIR)).resolve(APPLICATION_ID).resolve("state"),
                StreamsScaling.from(settings),
                settings.getInt(REORDER_COVER_DAYS, ReorderSuggestion.DEFAULT_COVER_DAYS),
                QueryEndpointSettings.from(settings, QUERY),
                duration(settings.get(VELOCITY_REFRESH_INTERVAL, DEFAULT_VELOCITY_REFRESH_INTERVAL.toString())));
    }

    /** The same configuration with another state folder (a second instance in one JVM needs its own). */
    public InventoryStreamsConfig withStateDirectory(Path folder) {
        return new InventoryStreamsConfig(bootstrapServers, schemaRegistryUrl, folder, scaling, reorderCoverDays,
                query, velocityRefreshInterval);
    }

    public ReorderSuggestion reorderSuggestion() {
        return new ReorderSuggestion(reorderCoverDays);
    }

    /**
     * Kafka Streams properties, shared by every streams service (see {@link StreamsProperties}),
     * plus the query endpoint this instance advertises to the others.
     */
    public Properties streamsProperties(HostInfo queryEndpoint) {
        Properties props = StreamsProperties.exactlyOnce(APPLICATION_ID, bootstrapServers, stateDirectory, scaling);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, queryEndpoint.host() + ":" + queryEndpoint.port());
        return props;
    }

    /** {@code PT30S} style, or a plain number of milliseconds. */
    private static Duration duration(String text) {
        String trimmed = text.trim();
        if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
            return Duration.ofMillis(Long.parseLong(trimmed));
        }
        return Duration.parse(trimmed);
    }
}
