package dev.streamcart.serving.stock;

import java.time.Duration;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.ServingApiConfig;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.readmodels.CachedReadModel;
import dev.streamcart.serving.readmodels.QueriedReadModel;
import dev.streamcart.serving.readmodels.QueryEndpoints;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.StreamsQueryClient;
import dev.streamcart.serving.readmodels.TopicChangeFeed;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.KafkaConnection;
import io.javalin.config.RoutesConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock as inventory-streams sees it: asked by interactive queries, hot products held in a bounded
 * cache that the {@code stock-levels} changes keep current. Disabled without Kafka or without
 * inventory-streams' query endpoints. {@code view} is what the API serves (through the cache),
 * {@code source} the Streams app itself (what the accuracy check compares with PostgreSQL).
 */
public record StockFeature(ReadModel<StockLevel> view, ReadModel<StockLevel> source, StockLevels levels,
                           StockEndpoints endpoints) implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(StockFeature.class);
    // hot stock (about 1 KB a product): bounded whatever the catalogue; the change feed keeps it current,
    // the TTL only covers a feed that stalls
    private static final long STOCK_CACHE_SIZE = 50_000;
    private static final Duration STOCK_CACHE_TTL = Duration.ofMinutes(1);

    /** Starts following {@code stock-levels} when Kafka and inventory-streams' endpoints are configured. */
    public static StockFeature start(ApiInfrastructure infrastructure, @Nullable QueryEndpoints inventoryQueries) {
        KafkaConnection kafka = infrastructure.kafka();
        if (kafka == null) {
            return serving(ReadModel.disabled(), ReadModel.disabled());
        }
        if (inventoryQueries == null) {
            LOG.warn("no {} configured: stock levels are disabled", ServingApiConfig.INVENTORY_QUERY_URLS);
            return serving(ReadModel.disabled(), ReadModel.disabled());
        }
        StreamsQueryClient queries = infrastructure.lifecycle().add(
                new StreamsQueryClient(inventoryQueries, StreamsQueryClient.REQUEST_TIMEOUT));
        ReadModel<StockLevel> source = new QueriedReadModel<>(queries, "stock", StockLevel.class);
        TopicChangeFeed<StockLevel> changes = kafka.follow(Topics.STOCK_LEVELS);
        CachedReadModel<StockLevel> hotStock = new CachedReadModel<>(source, changes::isLive,
                level -> level.getUpdatedAt().toEpochMilli(), STOCK_CACHE_SIZE, STOCK_CACHE_TTL);
        changes.onChange(hotStock::isCached, hotStock::changed).start();
        return serving(hotStock, source);
    }

    /** Serves {@code view} (through the cache of hot products); {@code source} is around the cache. */
    private static StockFeature serving(ReadModel<StockLevel> view, ReadModel<StockLevel> source) {
        StockLevels levels = new StockLevels(view);
        return new StockFeature(view, source, levels, new StockEndpoints(levels));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/stock/{productId}", endpoints::get);
    }
}
