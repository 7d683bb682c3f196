package dev.streamcart.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.orders.OrderStreamsApplication;
import dev.streamcart.orders.OrderStreamsConfig;
import dev.streamcart.orders.tracking.OrderTrackingTopology;
import dev.streamcart.orders.userorders.UserOrdersTopology;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsScaling;
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
 * Two order-streams instances with a standby replica each, on a real broker. The second one stops
 * answering queries while its Streams threads still own their partitions, as a killed instance does
 * until the group notices: the first answers the second's keys from its standby copy, marked
 * {@code X-Possibly-Stale}, instead of 503; it does not vouch for a key its copy lacks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandbyReadsTest {

    private static final long USERS = 12;
    private static final Instant BASE = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("standby-reads");

    private static SchemaRegistryClient registry;
    private static OrderStreamsApplication first;
    private static OrderStreamsApplication second;

    @BeforeAll
    static void startTwoInstancesWithStandbys() {
        registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        OrderStreamsConfig defaults = OrderStreamsConfig.from(INFRA.get().settings());
        OrderStreamsConfig config = new OrderStreamsConfig(defaults.bootstrapServers(), defaults.schemaRegistryUrl(),
                defaults.stateDirectory(), new StreamsScaling(1, 1), defaults.deadlines(), defaults.query());
        first = INFRA.closing(OrderStreamsApplication.create(config.withStateDirectory(INFRA.folder().resolve("instance-1")), registry));
        second = INFRA.closing(OrderStreamsApplication.create(config.withStateDirectory(INFRA.folder().resolve("instance-2")), registry));
        first.start();
        second.start();
        first.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        second.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        try (KafkaProducer<String, OrderEvent> producer = producer()) {
            for (long user = 1; user <= USERS; user++) {
                producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(orderId(user)), placed(user)));
            }
        }
    }

    @Test
    @Order(1)
    void whileTheOwnerAnswersNothingIsMarkedStale() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (long user = 1; user <= USERS; user++) {
                HttpResponse<byte[]> answer = get(first, "/orders/" + orderId(user));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.headers().firstValue(QueryHeaders.POSSIBLY_STALE)).isEmpty();
            }
            // every partition has its standby on the other instance before the owner goes away
            for (long user = 1; user <= USERS; user++) {
                KeyQueryMetadata metadata = metadata(OrderTrackingTopology.VIEW_STORE, orderId(user));
                assertThat(metadata.standbyHosts()).as("standby of order %s", orderId(user)).hasSize(1)
                        .doesNotContain(metadata.activeHost());
            }
        });
        assertThat(ordersOwnedBy(second)).as("the second instance owns some orders").isNotEmpty();
    }

    @Test
    @Order(2)
    void theUnreachableOwnersOrdersAreAnsweredFromTheStandbyMarkedPossiblyStale() {
        List<Long> theirs = ordersOwnedBy(second);
        second.stopQueries();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (long orderId : theirs) {
                HttpResponse<byte[]> answer = get(first, "/orders/" + orderId);
                assertThat(answer.statusCode()).as("order %s: %s", orderId, new String(answer.body())).isEqualTo(200);
                assertThat(answer.headers().firstValue(QueryHeaders.POSSIBLY_STALE)).hasValue("true");
                assertThat(answer.headers().firstValue(QueryHeaders.SERVED_BY)).hasValue(address(first));
                OrderView view = AvroBodies.decode(answer.body(), OrderView.class);
                assertThat(view.getOrderId()).isEqualTo(orderId);
                assertThat(view.getStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            }
        });
    }

    @Test
    @Order(3)
    void theSurvivorsOwnOrdersAreNotMarked() throws Exception {
        for (long user = 1; user <= USERS; user++) {
            if (!ordersOwnedBy(second).contains(orderId(user))) {
                HttpResponse<byte[]> answer = get(first, "/orders/" + orderId(user));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.headers().firstValue(QueryHeaders.POSSIBLY_STALE)).isEmpty();
            }
        }
    }

    @Test
    @Order(4)
    void theUnreachableOwnersUserListsAreAnsweredFromTheStandby() throws Exception {
        long user = LongStream.rangeClosed(1, USERS)
                .filter(id -> isOwnedBy(second, metadata(UserOrdersTopology.STORE, id)))
                .findFirst().orElseThrow(() -> new AssertionError("the second instance owns no user list"));

        HttpResponse<byte[]> answer = get(first, "/users/" + user + "/orders");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue(QueryHeaders.POSSIBLY_STALE)).hasValue("true");
        assertThat(AvroBodies.decodeList(answer.body(), OrderView.class)).extracting(OrderView::getOrderId)
                .containsExactly(orderId(user));
    }

    @Test
    @Order(5)
    void aKeyTheStandbyDoesNotHaveIsRetriableAndNotWaitedFor() throws Exception {
        long unknown = LongStream.range(900_000, 901_000)
                .filter(id -> isOwnedBy(second, metadata(OrderTrackingTopology.VIEW_STORE, id)))
                .findFirst().orElseThrow();
        long started = System.nanoTime();

        HttpResponse<byte[]> answer = get(first, "/orders/" + unknown + "?wait-ms=5000");

        assertThat(answer.statusCode()).as("a standby cannot vouch that an order does not exist").isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the standby does not hold the read")
                .isLessThan(Duration.ofMillis(5_000));
    }

    private static List<Long> ordersOwnedBy(OrderStreamsApplication instance) {
        return LongStream.rangeClosed(1, USERS).map(StandbyReadsTest::orderId)
                .filter(orderId -> isOwnedBy(instance, metadata(OrderTrackingTopology.VIEW_STORE, orderId)))
                .boxed().toList();
    }

    private static boolean isOwnedBy(OrderStreamsApplication instance, KeyQueryMetadata metadata) {
        return instance.queryEndpoint().equals(metadata.activeHost());
    }

    private static KeyQueryMetadata metadata(String store, long id) {
        return first.streams().streams().queryMetadataForKey(store, Topics.key(id), new StringSerializer());
    }

    private static long orderId(long user) {
        return user * 100 + 1;
    }

    private static OrderEvent placed(long user) {
        return OrderEvent.newBuilder()
                .setEventId(orderId(user) + "-placed").setOrderId(orderId(user)).setUserId(user)
                .setType(OrderEventType.ORDER_PLACED).setStatus(OrderStatus.PENDING_PAYMENT)
                .setTotalCents(1999).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(5).setSellerId(1).setCategoryId(2)
                        .setQuantity(1).setUnitPriceCents(1999).build()))
                .setOccurredAt(BASE.plusMillis(user))
                .build();
    }

    private static KafkaProducer<String, OrderEvent> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()),
                new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(registry).serializer());
    }

    private static HttpResponse<byte[]> get(OrderStreamsApplication instance, String path)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address(instance) + path))
                .header("Accept", QueryHeaders.AVRO_BINARY).timeout(Duration.ofSeconds(15)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String address(OrderStreamsApplication instance) {
        HostInfo host = instance.queryEndpoint();
        return host.host() + ":" + host.port();
    }
}
