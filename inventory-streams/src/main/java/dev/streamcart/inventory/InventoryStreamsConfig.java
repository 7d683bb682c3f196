package dev.streamcart.inventory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

import dev.streamcart.inventory.alerts.ReorderSuggestion;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.streams.StreamsProperties;

/**
 * Everything inventory-streams needs to start, read once from {@link Settings}. Defaults live here
 * and nowhere else.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code kafka.bootstrap-servers})
 * @param schemaRegistryUrl registry for the Avro topics ({@code schema-registry.url})
 * @param stateDirectory local state, kept across restarts ({@code <platform.data-dir>/inventory-streams/state})
 * @param numThreads stream threads ({@code streams.num-threads}, default 1)
 * @param reorderCoverDays days of sales a REORDER suggestion covers ({@code inventory.reorder-cover-days}, default 14)
 */
public record InventoryStreamsConfig(String bootstrapServers, String schemaRegistryUrl, Path stateDirectory, int numThreads,
        int reorderCoverDays) {

    public static final String APPLICATION_ID = "inventory-streams";
    public static final String NUM_THREADS = "streams.num-threads";
    public static final String REORDER_COVER_DAYS = "inventory.reorder-cover-days";

    public InventoryStreamsConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (numThreads < 1) {
            throw new IllegalArgumentException("numThreads must be >= 1, was " + numThreads);
        }
        if (reorderCoverDays < 1) {
            throw new IllegalArgumentException("reorderCoverDays must be >= 1, was " + reorderCoverDays);
        }
    }

    public static InventoryStreamsConfig from(Settings settings) {
        return new InventoryStreamsConfig(
                settings.require(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.require(CommonKeys.SCHEMA_REGISTRY_URL),
                Path.of(settings.require(CommonKeys.DATA_DIR)).resolve(APPLICATION_ID).resolve("state"),
                settings.getInt(NUM_THREADS, 1),
                settings.getInt(REORDER_COVER_DAYS, ReorderSuggestion.DEFAULT_COVER_DAYS));
    }

    public ReorderSuggestion reorderSuggestion() {
        return new ReorderSuggestion(reorderCoverDays);
    }

    /** Kafka Streams properties, shared by every streams service; see {@link StreamsProperties}. */
    public Properties streamsProperties() {
        return StreamsProperties.exactlyOnce(APPLICATION_ID, bootstrapServers, stateDirectory, numThreads);
    }
}
