package dev.streamcart.orders;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.streams.StreamsProperties;

/**
 * Everything order-streams needs to start, read once from {@link Settings}. Defaults live here
 * and nowhere else.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code kafka.bootstrap-servers})
 * @param schemaRegistryUrl registry for the Avro topics ({@code schema-registry.url})
 * @param stateDirectory local state, kept across restarts ({@code <platform.data-dir>/order-streams/state})
 * @param numThreads stream threads ({@code streams.num-threads}, default 1)
 */
public record OrderStreamsConfig(String bootstrapServers, String schemaRegistryUrl, Path stateDirectory, int numThreads) {

    public static final String APPLICATION_ID = "order-streams";
    public static final String NUM_THREADS = "streams.num-threads";

    public OrderStreamsConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (numThreads < 1) {
            throw new IllegalArgumentException("numThreads must be >= 1, was " + numThreads);
        }
    }

    public static OrderStreamsConfig from(Settings settings) {
        return new OrderStreamsConfig(
                settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.require(CommonKeys.SCHEMA_REGISTRY_URL),
                Path.of(settings.require(CommonKeys.DATA_DIR)).resolve(APPLICATION_ID).resolve("state"),
                settings.getInt(NUM_THREADS, 1));
    }

    /** Kafka Streams properties, shared by every streams service; see {@link StreamsProperties}. */
    public Properties streamsProperties() {
        return StreamsProperties.exactlyOnce(APPLICATION_ID, bootstrapServers, stateDirectory, numThreads);
    }
}
