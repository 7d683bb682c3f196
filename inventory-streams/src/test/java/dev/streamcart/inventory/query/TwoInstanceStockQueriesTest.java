package dev.streamcart.inventory.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.streamcart.inventory.InventoryApplication;
import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.query.AvroBodies;
import dev.streamcart.schemas.streams.query.QueryHeaders;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two inventory-streams instances of one application on one real broker, each with its own state
 * folder and query port: every product is answered correctly by EACH instance, from its own store
 * for the partitions it owns and through one hop to the other instance for the rest.
 */
class TwoInstanceStockQueriesTest {

    private static final int PRODUCTS = 90;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("two-instance-queries");

    private static InventoryApplication first;
    private static InventoryApplication second;

    /** One HTTP answer: status, body, and which instance's store produced it. */
    private record Answer(int status, String body, String servedBy) {}

    @BeforeAll
    static void startTwoInstances() {
        InventoryStreamsConfig config = InventoryStreamsConfig.from(INFRA.get().settings());
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        first = INFRA.closing(InventoryApplication.create(config.withStateDirectory(INFRA.folder().resolve("instance-1")), registry));
        second = INFRA.closing(InventoryApplication.create(config.withStateDirectory(INFRA.folder().resolve("instance-2")), registry));
        first.start();
        second.start();
        first.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        second.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void eachInstanceAnswersForEveryProductWhicheverInstanceOwnsIt() {
        Map<Long, int[]> expected = feedChanges();
        String firstAddress = address(first.queryEndpoint());
        String secondAddress = address(second.queryEndpoint());

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Set<String> servedByForFirst = new HashSet<>();
            Set<String> servedByForSecond = new HashSet<>();
            Map<String, Integer> forwardedBy = new HashMap<>(Map.of(firstAddress, 0, secondAddress, 0));
            for (Map.Entry<Long, int[]> product : expected.entrySet()) {
                for (InventoryApplication instance : List.of(first, second)) {
                    String asked = address(instance.queryEndpoint());
                    Answer answer = get(instance.queryEndpoint(), "/stock/" + product.getKey());
                    assertThat(answer.status()).as("product %s asked at %s: %s", product.getKey(), asked, answer.body())
                            .isEqualTo(200);
                    StockAnswer stock = JSON.readValue(answer.body(), StockAnswer.class);
                    assertThat(stock.productId()).isEqualTo(product.getKey());
                    assertThat(stock.onHand()).as("on hand of %s at %s", product.getKey(), asked).isEqualTo(product.getValue()[0]);
                    assertThat(stock.reserved()).as("reserved of %s at %s", product.getKey(), asked).isEqualTo(product.getValue()[1]);
                    assertThat(stock.available()).isEqualTo(product.getValue()[0] - product.getValue()[1]);
                    assertThat(stock.warehouses()).hasSize(2);
                    assertThat(stock.servedBy()).isEqualTo(answer.servedBy()).isIn(firstAddress, secondAddress);
                    (instance == first ? servedByForFirst : servedByForSecond).add(stock.servedBy() + "/" + product.getKey());
                    if (!stock.servedBy().equals(asked)) {
                        forwardedBy.merge(asked, 1, Integer::sum);
                    }
                }
            }
            // both instances name the same owner for every product
            assertThat(servedByForFirst).isEqualTo(servedByForSecond);
            // three partitions over two instances: each owns some and forwards the rest
            assertThat(forwardedBy.get(firstAddress)).as("answers the first instance forwarded").isBetween(1, PRODUCTS - 1);
            assertThat(forwardedBy.get(secondAddress)).as("answers the second instance forwarded").isBetween(1, PRODUCTS - 1);
            assertThat(forwardedBy.get(firstAddress) + forwardedBy.get(secondAddress)).isEqualTo(PRODUCTS);
        });
    }

    @Test
    void unknownProductsAreNotFoundAndBadIdsRejectedOnBothInstances() throws Exception {
        for (InventoryApplication instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(instance.queryEndpoint(), "/stock/987654321").status()).isEqualTo(404));
            assertThat(get(instance.queryEndpoint(), "/stock/abc").status()).isEqualTo(400);
        }
    }

    @Test
    void withAcceptAvroBinaryTheAnswerIsThePlainAvroStockLevel() {
        // Product 1 is fed by the other test as well; whichever runs first, its stock arrives.
        feedChanges();
        for (InventoryApplication instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://" + address(instance.queryEndpoint()) + "/stock/1"))
                        .header("Accept", QueryHeaders.AVRO_BINARY).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue(QueryHeaders.AVRO_BINARY);
                StockLevel level = AvroBodies.decode(response.body(), StockLevel.class);
                assertThat(level.getProductId()).isEqualTo(1);
                assertThat(level.getWarehouses()).hasSize(2);
                assertThat(level.getOnHand()).isEqualTo((10 + 3 + 2) + (10 + 6 + 2));
            });
        }
    }

    @Test
    void eachInstanceServesItsKafkaStreamsMetricsOnTheQueryPort() {
        feedChanges();
        for (InventoryApplication instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://" + address(instance.queryEndpoint()) + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/plain; version=0.0.4"));
                Matcher processed = Pattern.compile("(?m)^kafka_stream_thread_process_total\\{[^}]*service=\"inventory-streams\""
                        + "[^}]*} (\\S+)$").matcher(response.body());
                assertThat(processed.find()).as("kafka_stream_thread_process_total in %s", response.body()).isTrue();
                assertThat(Double.parseDouble(processed.group(1))).isPositive();
                assertThat(response.body()).contains("jvm_memory_used_bytes{");
            });
        }
    }

    /** Two warehouses per product, several changes per row; returns each product's final {onHand, reserved}. */
    private static Map<Long, int[]> feedChanges() {
        Map<Long, int[]> expected = new HashMap<>();
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        long lsn = 1;
        try (KafkaProducer<String, InventoryChanged> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()),
                new StringSerializer(), Topics.INVENTORY_CHANGES.valueSerde(registry).serializer())) {
            List<ProducerRecord<String, InventoryChanged>> records = new ArrayList<>();
            for (long product = 1; product <= PRODUCTS; product++) {
                int onHand = 0;
                int reserved = 0;
                for (long warehouse = 1; warehouse <= 2; warehouse++) {
                    int rowOnHand = 0;
                    int rowReserved = 0;
                    for (int step = 0; step < 3; step++) {
                        rowOnHand = (int) (product * 10 + warehouse * 3 + step);
                        rowReserved = (int) ((product + step) % 7);
                        records.add(record(product, warehouse, rowOnHand, rowReserved, lsn++));
                    }
                    onHand += rowOnHand;
                    reserved += rowReserved;
                }
                expected.put(product, new int[] {onHand, reserved});
            }
            records.forEach(producer::send);
            producer.flush();
        }
        return expected;
    }

    private static ProducerRecord<String, InventoryChanged> record(long product, long warehouse, int onHand, int reserved,
            long lsn) {
        InventoryChanged change = InventoryChanged.newBuilder()
                .setProductId(product).setWarehouseId(warehouse).setQuantity(onHand).setReservedQuantity(reserved)
                .setLowStockThreshold(10).setReorderPoint(5).setDeleted(false)
                .setSourceLsn(lsn).setCommittedAt(T0.plusMillis(lsn)).build();
        return new ProducerRecord<>(Topics.INVENTORY_CHANGES.name(), Topics.key(product), change);
    }

    private static Answer get(HostInfo host, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address(host) + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue(QueryHeaders.SERVED_BY).orElse(""));
    }

    private static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
