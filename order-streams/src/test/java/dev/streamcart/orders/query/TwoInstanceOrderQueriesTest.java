package dev.streamcart.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.orders.OrderStreamsApplication;
import dev.streamcart.orders.OrderStreamsConfig;
import dev.streamcart.orders.fraud.FraudTopology;
import dev.streamcart.orders.tracking.OrderTrackingTopology;
import dev.streamcart.orders.userorders.UserOrdersTopology;
import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.query.AvroBodies;
import dev.streamcart.schemas.streams.query.QueryHeaders;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two order-streams instances of one application on one real broker (order-events and the
 * by-user repartition topic have 3 partitions), each with its own state folder and query port:
 * every order, every user's list and every user's fraud signals are answered correctly by EACH
 * instance, from its own stores or through one hop to the owner; reads wait for an order that is
 * not there yet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceOrderQueriesTest {

    private static final int USERS = 12;
    private static final int ORDERS_PER_USER = 4;
    /** Recent enough for the fraud window, which ends at the moment of the query. */
    private static final Instant BASE = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("two-instance-order-queries");

    private static SchemaRegistryClient registry;
    private static OrderStreamsApplication first;
    private static OrderStreamsApplication second;

    /** One HTTP answer. */
    private record Answer(int status, String contentType, byte[] body, String servedBy) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void startTwoInstances() {
        registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        OrderStreamsConfig config = OrderStreamsConfig.from(INFRA.get().settings());
        first = INFRA.closing(OrderStreamsApplication.create(config.withStateDirectory(INFRA.folder().resolve("instance-1")), registry));
        second = INFRA.closing(OrderStreamsApplication.create(config.withStateDirectory(INFRA.folder().resolve("instance-2")), registry));
        first.start();
        second.start();
        first.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        second.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        feedOrders();
    }

    @Test
    @Order(1)
    void eachInstanceAnswersEveryOrderWhicheverInstanceOwnsIt() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Integer> forwarded = new HashMap<>(Map.of(address(first), 0, address(second), 0));
            for (long user = 1; user <= USERS; user++) {
                for (int k = 1; k <= ORDERS_PER_USER; k++) {
                    long orderId = orderId(user, k);
                    List<String> owners = new ArrayList<>();
                    for (OrderStreamsApplication instance : List.of(first, second)) {
                        Answer answer = get(instance, "/orders/" + orderId, true);
                        assertThat(answer.status()).as("order %s at %s: %s", orderId, address(instance), answer.text())
                                .isEqualTo(200);
                        assertThat(answer.contentType()).isEqualTo(QueryHeaders.AVRO_BINARY);
                        OrderView view = AvroBodies.decode(answer.body(), OrderView.class);
                        assertThat(view.getOrderId()).isEqualTo(orderId);
                        assertThat(view.getUserId()).isEqualTo(user);
                        assertThat(view.getStatus()).isEqualTo(k <= 2 ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT);
                        assertThat(view.getHistory()).hasSize(k <= 2 ? 2 : 1);
                        owners.add(answer.servedBy());
                        if (!answer.servedBy().equals(address(instance))) {
                            forwarded.merge(address(instance), 1, Integer::sum);
                        }
                    }
                    assertThat(owners).as("both name the owner of order %s", orderId)
                            .containsOnly(owner(OrderTrackingTopology.VIEW_STORE, orderId));
                }
            }
            // Three partitions over two instances: each owns some orders and forwards the rest.
            assertThat(forwarded.get(address(first))).isPositive();
            assertThat(forwarded.get(address(second))).isPositive();
            assertThat(forwarded.get(address(first)) + forwarded.get(address(second))).isEqualTo(USERS * ORDERS_PER_USER);
        });
    }

    @Test
    @Order(2)
    void eachInstanceAnswersEveryUsersOrdersNewestFirst() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Integer> forwarded = new HashMap<>(Map.of(address(first), 0, address(second), 0));
            for (long user = 1; user <= USERS; user++) {
                List<String> owners = new ArrayList<>();
                for (OrderStreamsApplication instance : List.of(first, second)) {
                    Answer all = get(instance, "/users/" + user + "/orders", true);
                    assertThat(all.status()).as("user %s at %s: %s", user, address(instance), all.text()).isEqualTo(200);
                    assertThat(AvroBodies.decodeList(all.body(), OrderView.class)).extracting(OrderView::getOrderId)
                            .containsExactly(orderId(user, 4), orderId(user, 3), orderId(user, 2), orderId(user, 1));

                    Answer newest = get(instance, "/users/" + user + "/orders?limit=2", true);
                    List<OrderView> two = AvroBodies.decodeList(newest.body(), OrderView.class);
                    assertThat(two).extracting(OrderView::getOrderId).containsExactly(orderId(user, 4), orderId(user, 3));
                    assertThat(two).extracting(OrderView::getStatus).containsOnly(OrderStatus.PENDING_PAYMENT);
                    assertThat(newest.servedBy()).isEqualTo(all.servedBy());
                    owners.add(all.servedBy());
                    if (!all.servedBy().equals(address(instance))) {
                        forwarded.merge(address(instance), 1, Integer::sum);
                    }
                }
                assertThat(owners).as("both name the owner of user %s's list", user)
                        .containsOnly(owner(UserOrdersTopology.STORE, user));
            }
            assertThat(forwarded.get(address(first))).isPositive();
            assertThat(forwarded.get(address(second))).isPositive();
            for (OrderStreamsApplication instance : List.of(first, second)) {
                Answer nobody = get(instance, "/users/987654/orders", true);
                assertThat(nobody.status()).isEqualTo(200);
                assertThat(AvroBodies.decodeList(nobody.body(), OrderView.class)).isEmpty();
            }
        });
    }

    @Test
    @Order(3)
    void eachInstanceAnswersEveryUsersFraudSignalsAsOfNow() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (long user = 1; user <= USERS; user++) {
                List<String> owners = new ArrayList<>();
                for (OrderStreamsApplication instance : List.of(first, second)) {
                    Instant asked = Instant.now();
                    Answer answer = get(instance, "/fraud-signals/" + user, true);
                    assertThat(answer.status()).as("user %s at %s: %s", user, address(instance), answer.text()).isEqualTo(200);
                    FraudSignals signals = AvroBodies.decode(answer.body(), FraudSignals.class);
                    assertThat(signals.getUserId()).isEqualTo(user);
                    assertThat(signals.getOrdersLast24h()).isEqualTo(ORDERS_PER_USER);
                    assertThat(signals.getDistinctCardsLast24h()).isEqualTo(2);
                    assertThat(signals.getMaxAddressesPerCardLast24h()).isEqualTo(1);
                    assertThat(signals.getUpdatedAt()).as("computed when asked").isAfterOrEqualTo(asked.minusSeconds(1));
                    owners.add(answer.servedBy());
                }
                assertThat(owners).as("both name the owner of user %s's activity", user)
                        .containsOnly(owner(FraudTopology.ACTIVITY_STORE, user));
            }
            for (OrderStreamsApplication instance : List.of(first, second)) {
                assertThat(get(instance, "/fraud-signals/987654", true).status()).isEqualTo(404);
            }
        });
    }

    @Test
    @Order(4)
    void withoutAcceptAvroTheAnswerIsJson() throws Exception {
        Answer answer = get(first, "/orders/" + orderId(1, 1), false);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(QueryHeaders.JSON);
        assertThat(answer.text()).contains("\"orderId\":" + orderId(1, 1)).contains("\"status\":\"PAID\"");
    }

    @Test
    @Order(5)
    void aReadThatWaitsIsAnsweredOnceItsOrderArrives() throws Exception {
        long orderId = orderId(USERS + 1, 1);
        List<CompletableFuture<HttpResponse<byte[]>>> reads = new ArrayList<>();
        for (OrderStreamsApplication instance : List.of(first, second)) {
            reads.add(HTTP.sendAsync(request(instance, "/orders/" + orderId + "?wait-ms=5000", true),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        // Both reads wait at the owner (one of them forwarded there) before the order exists.
        await().atMost(Duration.ofSeconds(4)).until(() -> first.waitingOrderReads() + second.waitingOrderReads() == 2);

        try (KafkaProducer<String, OrderEvent> producer = producer()) {
            producer.send(record(placed(USERS + 1, orderId, BASE)));
        }

        for (CompletableFuture<HttpResponse<byte[]>> read : reads) {
            HttpResponse<byte[]> response = read.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(AvroBodies.decode(response.body(), OrderView.class).getOrderId()).isEqualTo(orderId);
            assertThat(response.headers().firstValue(QueryHeaders.SERVED_BY)).hasValueSatisfying(owner ->
                    assertThat(owner).isIn(address(first), address(second)));
        }
        assertThat(first.waitingOrderReads() + second.waitingOrderReads()).isZero();
    }

    @Test
    @Order(6)
    void aReadThatWaitsForAnOrderThatNeverComesIsNotFoundAfterTheWait() throws Exception {
        for (OrderStreamsApplication instance : List.of(first, second)) {
            long started = System.nanoTime();
            Answer answer = get(instance, "/orders/987654321?wait-ms=300", true);
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.contentType()).isEqualTo(QueryHeaders.PROBLEM_JSON);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        assertThat(first.waitingOrderReads() + second.waitingOrderReads()).as("timed-out waiters are removed").isZero();
        assertThat(get(first, "/orders/987654321", true).status()).as("no wait: at once").isEqualTo(404);
    }

    @Test
    @Order(7)
    void badIdsAndParametersAreRejectedByTheInstanceAsked() throws Exception {
        for (OrderStreamsApplication instance : List.of(first, second)) {
            for (String path : List.of("/orders/abc", "/users/x/orders", "/fraud-signals/1.5", "/users/1/orders?limit=0",
                    "/users/1/orders?limit=501", "/orders/1?wait-ms=5001", "/orders/1?wait-ms=soon")) {
                Answer answer = get(instance, path, true);
                assertThat(answer.status()).as(path).isEqualTo(400);
                assertThat(answer.contentType()).isEqualTo(QueryHeaders.PROBLEM_JSON);
                assertThat(answer.servedBy()).as("answered before any routing").isEmpty();
            }
            assertThat(get(instance, "/nothing/1", true).status()).isEqualTo(404);
        }
    }

    /** Users 1..12 with 4 orders each, placed in order k = 1..4; orders 1 and 2 paid with two different cards. */
    private static void feedOrders() {
        try (KafkaProducer<String, OrderEvent> producer = producer()) {
            for (long user = 1; user <= USERS; user++) {
                for (int k = 1; k <= ORDERS_PER_USER; k++) {
                    Instant at = BASE.plusMillis(k * 60_000L + user);
                    OrderEvent placing = OrderEvent.newBuilder(placed(user, orderId(user, k), at))
                            .setShippingAddressKey("addr-" + user + "-" + k % 2).build();
                    producer.send(record(placing));
                    if (k <= 2) {
                        producer.send(record(OrderEvent.newBuilder(placing)
                                .setEventId(orderId(user, k) + "-paid").setType(OrderEventType.ORDER_PAID)
                                .setStatus(OrderStatus.PAID).setOccurredAt(at.plusSeconds(5))
                                .setShippingAddressKey(null).setCardFingerprint("card-" + user + "-" + k % 2).build()));
                    }
                }
            }
        }
    }

    private static long orderId(long user, int k) {
        return user * 100 + k;
    }

    private static OrderEvent placed(long user, long orderId, Instant at) {
        return OrderEvent.newBuilder()
                .setEventId(orderId + "-placed").setOrderId(orderId).setUserId(user)
                .setType(OrderEventType.ORDER_PLACED).setStatus(OrderStatus.PENDING_PAYMENT)
                .setTotalCents(3998).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(5).setSellerId(1).setCategoryId(2)
                        .setQuantity(2).setUnitPriceCents(1999).build()))
                .setOccurredAt(at)
                .build();
    }

    private static KafkaProducer<String, OrderEvent> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()),
                new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(registry).serializer());
    }

    private static ProducerRecord<String, OrderEvent> record(OrderEvent event) {
        return new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(event.getOrderId()), event);
    }

    private static HttpRequest request(OrderStreamsApplication instance, String path, boolean avro) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address(instance) + path))
                .timeout(Duration.ofSeconds(15)).GET();
        if (avro) {
            request.header("Accept", QueryHeaders.AVRO_BINARY);
        }
        return request.build();
    }

    private static Answer get(OrderStreamsApplication instance, String path, boolean avro)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(request(instance, path, avro), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                response.headers().firstValue(QueryHeaders.SERVED_BY).orElse(""));
    }

    /** The active owner of {@code id}'s key in {@code store}, as Kafka Streams' metadata says. */
    private static String owner(String store, long id) {
        KeyQueryMetadata metadata = first.streams().streams().queryMetadataForKey(store, Topics.key(id), new StringSerializer());
        return metadata.activeHost().host() + ":" + metadata.activeHost().port();
    }

    private static String address(OrderStreamsApplication instance) {
        HostInfo host = instance.queryEndpoint();
        return host.host() + ":" + host.port();
    }
}
