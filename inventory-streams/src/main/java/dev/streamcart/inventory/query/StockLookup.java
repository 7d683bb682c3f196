package dev.streamcart.inventory.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.streamcart.inventory.stock.ProductStock;
import dev.streamcart.inventory.stock.StockTopology;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers for one product from whichever instance owns it: the local store when this instance is
 * the active owner of the product's partition, otherwise one HTTP hop to the owner that Kafka
 * Streams' metadata names. A forwarded request is marked, and an instance that receives a marked
 * request it does not own answers 503 instead of forwarding again, so ownership moving mid-request
 * cannot make two instances bounce a request between them. While the instance is not RUNNING
 * (starting, rebalancing, restoring) the answer is 503 with Retry-After.
 */
public final class StockLookup {

    /** Marks a request that was already forwarded once. */
    public static final String FORWARDED_HEADER = "X-Stock-Forwarded";
    /** {@code host:port} of the instance whose store answered. */
    public static final String SERVED_BY_HEADER = "X-Stock-Served-By";

    private static final Logger LOG = LoggerFactory.getLogger(StockLookup.class);
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** An HTTP answer, independent of the server that sends it. */
    public record Reply(int status, String contentType, String body, @Nullable String servedBy) {

        static Reply text(int status, String message) {
            return new Reply(status, "text/plain; charset=utf-8", message, null);
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Serializer<String> keySerializer = Topics.STOCK_LEVELS.keySerde().serializer();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(FORWARD_TIMEOUT)
            .build();

    public StockLookup(KafkaStreams streams, HostInfo self) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
    }

    /** The answer for {@code productIdText}; {@code forwarded} when another instance sent the request. */
    public Reply find(String productIdText, boolean forwarded) {
        long productId;
        try {
            productId = Long.parseLong(productIdText);
        } catch (NumberFormatException e) {
            return Reply.text(400, "product id must be a whole number, was '" + productIdText + "'");
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Reply.text(503, "inventory-streams is " + streams.state() + "; try again");
        }
        String key = Topics.key(productId);
        KeyQueryMetadata owner = streams.queryMetadataForKey(StockTopology.STOCK_STORE, key, keySerializer);
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return Reply.text(503, "no instance owns product " + productId + " right now (rebalancing); try again");
        }
        if (self.equals(owner.activeHost())) {
            return local(productId, key);
        }
        if (forwarded) {
            return Reply.text(503, "product " + productId + " moved while the request was forwarded; try again");
        }
        return forward(owner.activeHost(), productId);
    }

    private Reply local(long productId, String key) {
        ProductStock stock;
        try {
            ReadOnlyKeyValueStore<String, ProductStock> store = streams.store(StoreQueryParameters.fromNameAndType(
                    StockTopology.STOCK_STORE, QueryableStoreTypes.<String, ProductStock>keyValueStore()));
            stock = store.get(key);
        } catch (InvalidStateStoreException e) {
            return Reply.text(503, "the stock store is migrating (" + e.getMessage() + "); try again");
        }
        String servedBy = address(self);
        if (stock == null || !stock.stocked()) {
            return new Reply(404, "text/plain; charset=utf-8", "no stock known for product " + productId, servedBy);
        }
        try {
            return new Reply(200, "application/json", JSON.writeValueAsString(StockAnswer.of(stock.toStockLevel(), servedBy)),
                    servedBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stock of product " + productId, e);
        }
    }

    private Reply forward(HostInfo owner, long productId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address(owner) + "/stock/" + productId))
                .header(FORWARDED_HEADER, address(self))
                .timeout(FORWARD_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("text/plain; charset=utf-8"),
                    response.body(), response.headers().firstValue(SERVED_BY_HEADER).orElse(null));
        } catch (IOException e) {
            LOG.debug("forwarding product {} to {} failed", productId, owner, e);
            return Reply.text(503, "the owner of product " + productId + " (" + address(owner) + ") did not answer; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.text(503, "interrupted while asking " + address(owner));
        }
    }

    private static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
