package dev.streamcart.inventory.query;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.streamcart.inventory.stock.ProductStock;
import dev.streamcart.inventory.stock.StockTopology;
import dev.streamcart.schemas.streams.query.KeyedAnswer;
import dev.streamcart.schemas.streams.query.LocalStores;
import dev.streamcart.schemas.streams.query.OwnedKey;
import dev.streamcart.schemas.streams.query.QueryReply;
import dev.streamcart.schemas.streams.query.QueryRequest;
import dev.streamcart.schemas.streams.query.QueryRoute;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /stock/{productId}} on the instance that owns the product: the {@link StockAnswer}
 * JSON by default, the {@code StockLevel} record as Avro binary with {@code Accept: avro/binary};
 * 404 when the product has no live stock row.
 */
public final class StockRoute implements KeyedAnswer {

    public static final String TEMPLATE = "/stock/{productId}";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaStreams streams;

    private StockRoute(KafkaStreams streams) {
        this.streams = streams;
    }

    public static QueryRoute of(KafkaStreams streams) {
        return new QueryRoute(TEMPLATE, StockTopology.STOCK_STORE, new StockRoute(streams));
    }

    @Override
    public CompletionStage<QueryReply> answer(OwnedKey key, QueryRequest request) {
        ReadOnlyKeyValueStore<String, ProductStock> store = LocalStores.keyValue(streams, StockTopology.STOCK_STORE, key);
        ProductStock stock = store.get(key.key());
        if (stock == null || !stock.stocked()) {
            return CompletableFuture.completedFuture(QueryReply.notFound("no stock known for product " + key.id(), key.servedBy()));
        }
        if (request.wantsAvro()) {
            return CompletableFuture.completedFuture(QueryReply.ok(request, stock.toStockLevel(), key.servedBy()));
        }
        try {
            byte[] json = JSON.writeValueAsBytes(StockAnswer.of(stock.toStockLevel(), key.servedBy()));
            return CompletableFuture.completedFuture(QueryReply.okJson(json, key.servedBy()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stock of product " + key.id(), e);
        }
    }
}
