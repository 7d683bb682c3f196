package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation on real PostgreSQL, Kafka and registry: read models that match the tables
 * pass; a stock or status that differs, an aborted write, and a missing view are each caught.
 */
class PlatformVerifierTest {

    private static LocalInfrastructure infra;
    private static SchemaRegistryClient registry;
    private static KafkaProducer<String, byte[]> producer;
    private static Endpoints endpoints;

    @BeforeAll
    static void start() throws SQLException, IOException {
        Path folder = Path.of("target/it-data/" + PlatformVerifierTest.class.getSimpleName());
        Folders.delete(folder);   // a fresh database and broker: the comparison covers everything in them
        infra = LocalInfrastructure.builder(folder).postgres().schemaRegistry().topics().start();
        registry = new SchemaRegistryClient(infra.schemaRegistryUrl());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "platform-verifier-test"), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        endpoints = new Endpoints(infra.jdbcUrl(), infra.bootstrapServers(), infra.schemaRegistryUrl(),
                "http://127.0.0.1:1", "http://127.0.0.1:1");
        // the columns of the shared contract that the verifier reads (serving-api's migrations own the real tables)
        sql("""
                CREATE TABLE inventory (id bigserial PRIMARY KEY, product_id bigint NOT NULL, warehouse_id bigint NOT NULL,
                    quantity int NOT NULL, reserved_quantity int NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now(),
                    UNIQUE (product_id, warehouse_id))""");
        sql("""
                CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL, status varchar(32) NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now())""");
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void matchingViewsPassAndEachKindOfDifferenceIsReported() throws SQLException {
        sql("INSERT INTO inventory (product_id, warehouse_id, quantity, reserved_quantity) VALUES (1, 1, 10, 2), (1, 2, 5, 0), (2, 1, 3, 3)");
        sql("INSERT INTO orders (id, user_id, status) VALUES (1, 7, 'PAID'), (2, 7, 'PENDING_PAYMENT')");
        commit(Topics.STOCK_LEVELS, 1, stock(1, 1, 10, 2, 2, 5, 0));
        commit(Topics.STOCK_LEVELS, 2, stock(2, 1, 3, 3));
        commit(Topics.ORDER_VIEWS, 1, view(1, OrderStatus.PAID));
        commit(Topics.ORDER_VIEWS, 2, view(2, OrderStatus.PENDING_PAYMENT));
        abort(Topics.ORDER_VIEWS, 2, view(2, OrderStatus.CANCELLED));   // never visible: must not count

        // no grace: the rows were written just now, and the views are already there
        VerificationReport match = PlatformVerifier.verify(endpoints, Duration.ZERO);

        assertThat(match.mismatches()).isEmpty();
        assertThat(match.consistent()).isTrue();
        assertThat(match.complete()).isTrue();
        assertThat(match.productsChecked()).isEqualTo(2);
        assertThat(match.ordersChecked()).isEqualTo(2);
        assertThat(match.cdcLagBytes()).as("no CDC slot in this database").isNull();
        assertThat(match.streamLagRecords()).isZero();
        assertThat(match.lines()).last().asString().startsWith("OK");

        sql("UPDATE inventory SET reserved_quantity = 4 WHERE product_id = 1 AND warehouse_id = 1");
        sql("UPDATE orders SET status = 'PAID' WHERE id = 2");
        sql("INSERT INTO orders (id, user_id, status) VALUES (3, 7, 'PENDING_PAYMENT')");

        VerificationReport mismatch = PlatformVerifier.verifyUntilConsistent(endpoints, Duration.ZERO, Duration.ZERO);

        assertThat(mismatch.consistent()).isFalse();
        assertThat(mismatch.mismatchCount()).isEqualTo(3);
        assertThat(mismatch.mismatches()).extracting(Mismatch::view, Mismatch::id).containsExactly(
                tuple("stock-levels", 1L),
                tuple("order-views", 2L),
                tuple("order-views", 3L));
        assertThat(mismatch.mismatches().get(0).detail()).contains("1: 10/2").contains("1: 10/4");
        assertThat(mismatch.lines()).last().asString().startsWith("MISMATCH");

        VerificationReport recent = PlatformVerifier.verify(endpoints, Duration.ofHours(1));
        assertThat(recent.mismatches()).as("changed within the grace: still in flight, not compared").isEmpty();
        assertThat(recent.productsInFlight()).isEqualTo(2);
        assertThat(recent.ordersInFlight()).isEqualTo(3);
        assertThat(recent.complete()).isFalse();

        commit(Topics.STOCK_LEVELS, 1, stock(1, 1, 10, 4, 2, 5, 0));
        commit(Topics.ORDER_VIEWS, 2, view(2, OrderStatus.PAID));
        commit(Topics.ORDER_VIEWS, 3, view(3, OrderStatus.PENDING_PAYMENT));

        assertThat(PlatformVerifier.verify(endpoints, Duration.ZERO).mismatches()).as("the views caught up").isEmpty();
    }

    private static StockLevel stock(long productId, int... warehouseOnHandReserved) {
        List<WarehouseStock> warehouses = new ArrayList<>();
        int onHand = 0;
        int reserved = 0;
        for (int i = 0; i < warehouseOnHandReserved.length; i += 3) {
            int warehouseOnHand = warehouseOnHandReserved[i + 1];
            int warehouseReserved = warehouseOnHandReserved[i + 2];
            warehouses.add(WarehouseStock.newBuilder().setWarehouseId(warehouseOnHandReserved[i]).setOnHand(warehouseOnHand)
                    .setReserved(warehouseReserved).setAvailable(warehouseOnHand - warehouseReserved).setSourceLsn(i).build());
            onHand += warehouseOnHand;
            reserved += warehouseReserved;
        }
        return StockLevel.newBuilder().setProductId(productId).setOnHand(onHand).setReserved(reserved)
                .setAvailable(onHand - reserved).setWarehouses(warehouses).setUpdatedAt(Instant.now()).build();
    }

    private static OrderView view(long orderId, OrderStatus status) {
        return OrderView.newBuilder().setOrderId(orderId).setUserId(7).setStatus(status).setTotalCents(1000)
                .setCurrency("USD").setItems(List.of()).setHistory(List.of()).setUpdatedAt(Instant.now()).build();
    }

    private static <V extends SpecificRecord> void commit(TopicSpec<V> topic, long id, V value) {
        producer.beginTransaction();
        send(topic, id, value);
        producer.commitTransaction();
    }

    private static <V extends SpecificRecord> void abort(TopicSpec<V> topic, long id, V value) {
        producer.beginTransaction();
        send(topic, id, value);
        producer.flush();
        producer.abortTransaction();
    }

    private static <V extends SpecificRecord> void send(TopicSpec<V> topic, long id, V value) {
        byte[] bytes = topic.valueSerde(registry).serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), Topics.key(id), bytes));
    }


    private static void sql(String statement) throws SQLException {
        try (Connection connection = infra.postgres().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
