package dev.streamcart.inventory;

import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsService;

/**
 * inventory-streams: keeps the stock of every product, per warehouse and in total, with its sales
 * velocity, in the compacted {@code stock-levels} topic, and raises stock crossings on
 * {@code stock-alerts}, from the inventory row changes that ingest-cdc captures. Answers
 * {@code GET /stock/{productId}} for any product on {@code inventory.query.port}, forwarding to
 * the instance that owns it.
 *
 * <p>Guarantees: exactly-once (v2) from {@code inventory-changes} to both outputs; each
 * inventory row only moves forward in WAL order, so re-delivered or replayed changes change
 * nothing; local state is rebuilt from its changelog when the state folder is lost. Prints
 * {@code STREAMCART READY inventory-streams} once the topology first runs, and exits non-zero
 * when it cannot start or its stream threads fail.
 */
public final class InventoryStreamsMain {

    private static final String SERVICE_NAME = "inventory-streams";

    private InventoryStreamsMain() {}

    public static void main(String[] args) {
        StreamsService.run(SERVICE_NAME, Settings.fromEnvironment(), settings -> {
            InventoryStreamsConfig config = InventoryStreamsConfig.from(settings);
            InventoryApplication app = InventoryApplication.create(config, new SchemaRegistryClient(config.schemaRegistryUrl()));
            // StreamsService closes the topology on shutdown; the query endpoint goes with it.
            Runtime.getRuntime().addShutdownHook(new Thread(app::stopQueries, SERVICE_NAME + "-queries-shutdown"));
            app.serveQueries();
            return app.streams();
        });
    }
}
