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
 * inventory-streams' query endpoints.
 */
public final class StockFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(StockFeature.class);
    // hot stock (about 1 KB a product): bounded whatever the catalogue; the change feed keeps it current,
    // the TTL only covers a feed that stalls
    private static final long STOCK_CACHE_SIZE = 50_000;
    private static final Duration STOCK_CACHE_TTL = Duration.ofMinutes(1);

    private final ReadModel<StockLevel> view;
    private final ReadModel<StockLevel> source;
    private final StockLevels levels;
    private final StockEndpoints endpoints;

    private StockFeature(ReadModel<StockLevel> view, ReadModel<StockLevel> source) {
        this.view = view;
        this.source = source;
        this.levels = new StockLevels(view);
        this.endpoints = new StockEndpoints(levels);
    }

    /** Starts following {@code stock-levels} when Kafka and inventory-streams' endpoints are configured. */
    public static StockFeature start(ApiInfrastructure infrastructure, @Nullable QueryEndpoints inventoryQueries) {
        KafkaConnection kafka = infrastructure.kafka();
        if (kafka == null) {
            return new StockFeature(ReadModel.disabled(), ReadModel.disabled());
        }
        if (inventoryQueries == null) {
            LOG.warn("no {} configured: stock levels are disabled", ServingApiConfig.INVENTORY_QUERY_URLS);
            return new StockFeature(ReadModel.disabled(), ReadModel.disabled());
        }
        StreamsQueryClient queries = infrastructure.lifecycle().add(
                new StreamsQueryClient(inventoryQueries, StreamsQueryClient.REQUEST_TIMEOUT));
        ReadModel<StockLevel> source = new QueriedReadModel<>(queries, "stock", StockLevel.class);
        TopicChangeFeed<StockLevel> changes = kafka.follow(Topics.STOCK_LEVELS);
        CachedReadModel<StockLevel> hotStock = new CachedReadModel<>(source, changes::isLive,
                level -> level.getUpdatedAt().toEpochMilli(), STOCK_CACHE_SIZE, STOCK_CACHE_TTL);
        changes.onChange(hotStock::isCached, hotStock::changed).start();
        return new StockFeature(hotStock, source);
    }

    /** Stock as the API serves it: through the cache of hot products. */
    public ReadModel<StockLevel> view() {
        return view;
    }

    /** Stock straight from inventory-streams, around the cache (what the accuracy check compares). */
    public ReadModel<StockLevel> source() {
        return source;
    }

    public StockLevels levels() {
        return levels;
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/stock/{productId}", endpoints::get);
    }
}
