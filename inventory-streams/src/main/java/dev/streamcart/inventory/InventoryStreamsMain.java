package dev.streamcart.inventory;

import dev.streamcart.inventory.stock.StockTopology;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.topics.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * inventory-streams: keeps the stock of every product, per warehouse and in total, with its sales
 * velocity, in the compacted {@code stock-levels} topic, and raises stock crossings on
 * {@code stock-alerts}, from the inventory row changes that ingest-cdc captures.
 *
 * <p>Guarantees: exactly-once (v2) from {@code inventory-changes} to both outputs; each
 * inventory row only moves forward in WAL order, so re-delivered or replayed changes change
 * nothing; local state is rebuilt from its changelog when the state folder is lost. Prints
 * {@code STREAMCART READY inventory-streams} once the topology first runs, and exits non-zero
 * when it cannot start or its stream threads fail.
 */
public final class InventoryStreamsMain {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryStreamsMain.class);
    private static final String SERVICE_NAME = "inventory-streams";

    private InventoryStreamsMain() {}

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        StreamsApplication application;
        try {
            InventoryStreamsConfig config = InventoryStreamsConfig.from(settings);
            TopicProvisioner.ensureTopics(config.bootstrapServers(),
                    (short) settings.getInt(CommonKeys.KAFKA_TOPIC_REPLICATION_FACTOR, 1));
            SchemaRegistryClient registry = new SchemaRegistryClient(config.schemaRegistryUrl());
            application = new StreamsApplication(StockTopology.build(registry, config.reorderSuggestion()), config.streamsProperties());
            Runtime.getRuntime().addShutdownHook(new Thread(application::close, SERVICE_NAME + "-shutdown"));
            application.running().thenRun(() -> {
                System.out.println("STREAMCART READY " + SERVICE_NAME);
                System.out.flush();
            });
            application.start();
        } catch (RuntimeException e) {
            LOG.error("{} cannot start: {}", SERVICE_NAME, e.getMessage(), e);
            System.exit(2);
            return;
        }
        Throwable failure = application.failure().join();
        LOG.error("{} stopped on an error; exiting so it restarts from its committed state", SERVICE_NAME, failure);
        System.exit(1);
    }
}
