package dev.streamcart.serving.commands;

import static dev.streamcart.serving.testing.OrderCommands.expirePayment;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXPIRE_PAYMENT commands on a real broker, applied by serving-api's consumer to PostgreSQL:
 * the order is cancelled, its stock released and ORDER_EXPIRED written to the outbox, once.
 */
class PaymentExpiryCommandsTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static KafkaProducer<String, OrderCommand> producer;
    private static Admin admin;
    private static final AtomicLong SENT = new AtomicLong();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long product;
    private long user;

    @BeforeAll
    static void openClients() {
        SchemaRegistryClient registry = new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl());
        String bootstrap = SERVER.infrastructure().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), Topics.ORDER_COMMANDS.valueSerde(registry).serializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        admin.close();
    }

    @BeforeEach
    void setUp() {
        product = shop.stockedProduct("12.50", 10);
        user = shop.user();
    }

    @Test
    void anUnpaidOrderIsCancelledWithItsStockReleasedAndTheEventWrittenOnce() throws Exception {
        long orderId = pendingOrder(3);
        assertThat(db.reserved(product)).isEqualTo(3);

        send(expirePayment(orderId));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.orderStatus(orderId)).isEqualTo("CANCELLED"));
        assertThat(db.reserved(product)).as("stock released").isZero();
        assertThat(onHand()).isEqualTo(10);
        List<OrderEvent> expired = OutboxEvents.ofOrder(db, orderId, "ORDER_EXPIRED");
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(expired.get(0).getReason()).isEqualTo("payment timeout");

        // the same command again (re-delivered, or re-issued by order-streams): nothing changes
        send(expirePayment(orderId));
        awaitAllHandled();

        assertThat(db.orderStatus(orderId)).isEqualTo("CANCELLED");
        assertThat(OutboxEvents.ofOrder(db, orderId, "ORDER_EXPIRED")).hasSize(1);
        assertThat(db.reserved(product)).isZero();
        assertThat(onHand()).isEqualTo(10);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", Long.toString(orderId)))
                .as("ORDER_PLACED and one ORDER_EXPIRED").isEqualTo(2);
    }

    @Test
    void anOrderPaidBeforeTheCommandArrivedStaysPaid() {
        long orderId = pendingOrder(2);
        ApiClient.Response paid = shop.pay(orderId, GOOD_CARD);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);

        send(expirePayment(orderId));
        awaitAllHandled();

        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
        assertThat(db.reserved(product)).as("a paid order keeps its stock").isEqualTo(2);
        assertThat(OutboxEvents.ofOrder(db, orderId, "ORDER_EXPIRED")).isEmpty();
    }

    @Test
    void aCommandForAnUnknownOrderIsHandledAndChangesNothing() {
        send(expirePayment(987_654_321L));

        awaitAllHandled();

        assertThat(db.count("SELECT count(*) FROM outbox WHERE event_type = 'ORDER_EXPIRED' AND aggregate_id = ?",
                "987654321")).isZero();
    }

    private long pendingOrder(int quantity) {
        return shop.placedOrder(user, product, quantity);
    }

    private static void send(OrderCommand command) {
        try {
            producer.send(new ProducerRecord<>(Topics.ORDER_COMMANDS.name(), Topics.key(command.getOrderId()), command)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        SENT.incrementAndGet();
    }

    /** The consumer group committed past every command sent so far: each one was handled. */
    private static void awaitAllHandled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffsets() == SENT.get());
    }

    private static long committedOffsets() throws Exception {
        Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(OrderCommandConsumer.GROUP_ID)
                .partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private int onHand() {
        return (Integer) db.single("SELECT quantity FROM inventory WHERE product_id = ?", product).get("quantity");
    }

}
