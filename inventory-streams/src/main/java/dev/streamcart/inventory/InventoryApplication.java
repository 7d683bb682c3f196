package dev.streamcart.inventory;

import java.util.List;
import java.util.Objects;

import dev.streamcart.inventory.query.StockRoute;
import dev.streamcart.inventory.stock.StockTopology;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.QueryableStreams;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.streams.query.QueryRoute;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One inventory-streams instance: the Kafka Streams topology and the HTTP endpoint that answers
 * {@code GET /stock/{productId}} for any product, from its own store or from the instance that owns
 * the product. Any number of instances may run with the same application id; each needs its own
 * state folder.
 */
public final class InventoryApplication extends QueryableStreams {

    private InventoryApplication(InventoryStreamsConfig config, SchemaRegistryClient registry) {
        super(config.query(), "stock-queries", "inventory-streams", self -> new StreamsApplication(
                StockTopology.build(registry, config.reorderSuggestion(), config.velocityRefreshInterval()),
                config.streamsProperties(self)));
    }

    /** Binds the query port and builds the topology; nothing runs until {@link #start()}. */
    public static InventoryApplication create(InventoryStreamsConfig config, SchemaRegistryClient registry) {
        return new InventoryApplication(Objects.requireNonNull(config, "config"), registry);
    }

    @Override
    protected List<QueryRoute> routes(KafkaStreams streams) {
        return List.of(StockRoute.of(streams));
    }
}
