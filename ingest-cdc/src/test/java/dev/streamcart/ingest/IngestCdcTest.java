package dev.streamcart.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import dev.streamcart.ingest.capture.OffsetStoreGuard;
import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.groups.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ingest-cdc against real PostgreSQL (logical WAL), Kafka and the schema registry: snapshot,
 * streaming of one transaction across the three tables, then a stop and restart that loses
 * nothing and does not snapshot again; and the guard that keeps offsets and slot together.
 */
class IngestCdcTest {

    private static final String PLACED_EVENT = "0b9f4c1e-5a1e-4c1a-9d1e-000000000001";
    private static final String PAID_EVENT = "0b9f4c1e-5a1e-4c1a-9d1e-000000000002";
    private static final String GUARD_SLOT = "guard_test";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestInfrastructure INFRA =
            TestInfrastructure.in("ingest-cdc", parts -> parts.postgres().kafka().schemaRegistry());

    @BeforeAll
    static void createTables() throws SQLException {
        execute(TestSchema.DDL);
    }

    @Test
    void changesBecomeTypedEventsAndSurviveARestart() throws SQLException {
        execute("INSERT INTO products (id, seller_id, category_id, sku, name, price) VALUES (1, 1, 2, 'MUG-1', 'Mug', 19.99)",
                "INSERT INTO inventory (product_id, warehouse_id, quantity, reserved_quantity) VALUES (1, 1, 100, 0)");
        IngestCdcConfig config = IngestCdcConfig.from(INFRA.get().settings());
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        OutboxRows rows = new OutboxRows(new OutboxEncoder(registry));

        try (TopicRecorder<ProductChanged> products = new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.PRODUCT_CHANGES);
                TopicRecorder<InventoryChanged> inventory = new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.INVENTORY_CHANGES);
                TopicRecorder<OrderEvent> orders = new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.ORDER_EVENTS)) {

            try (IngestCdcService service = startService(config)) {
                // The initial snapshot.
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(products.values()).extracting(ProductChanged::getPriceCents).containsExactly(1999L);
                    assertThat(inventory.values()).extracting(InventoryChanged::getQuantity).containsExactly(100);
                });

                // A checkout: price change, reservation and outbox event in one transaction; then a new row and a delete.
                execute("BEGIN",
                        "UPDATE products SET price = 24.50 WHERE id = 1",
                        "UPDATE inventory SET reserved_quantity = 2 WHERE product_id = 1 AND warehouse_id = 1",
                        outboxInsert(rows, PLACED_EVENT, OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, null),
                        "COMMIT");
                execute("INSERT INTO inventory (product_id, warehouse_id, quantity, reserved_quantity) VALUES (1, 2, 40, 0)",
                        "DELETE FROM inventory WHERE product_id = 1 AND warehouse_id = 2");

                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(products.values()).extracting(ProductChanged::getPriceCents).containsExactly(1999L, 2450L);
                    assertThat(inventory.values()).hasSize(4);
                    assertThat(orders.values()).hasSize(1);
                });
            }

            List<TopicRecorder.Received<InventoryChanged>> inventoryEvents = inventory.poll();
            assertThat(inventoryEvents).allSatisfy(event -> assertThat(event.key()).isEqualTo("1"));
            assertThat(inventoryEvents).map(TopicRecorder.Received::value)
                    .extracting(InventoryChanged::getWarehouseId, InventoryChanged::getQuantity,
                            InventoryChanged::getReservedQuantity, InventoryChanged::getDeleted)
                    .containsExactly(
                            Tuple.tuple(1L, 100, 0, false),
                            Tuple.tuple(1L, 100, 2, false),
                            Tuple.tuple(2L, 40, 0, false),
                            Tuple.tuple(2L, 0, 0, true));
            assertThat(inventoryEvents).map(event -> event.value().getSourceLsn())
                    .as("WAL positions grow with every change of the product").isSorted().doesNotHaveDuplicates();
            assertThat(products.poll()).allSatisfy(event -> assertThat(event.key()).isEqualTo("1"));

            OrderEvent placed = orders.poll().get(0).value();
            assertThat(orders.poll().get(0).key()).isEqualTo("12");
            assertThat(placed.getEventId()).isEqualTo(PLACED_EVENT);
            assertThat(placed.getType()).isEqualTo(OrderEventType.ORDER_PLACED);
            assertThat(placed.getStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
            assertThat(placed.getTotalCents()).isEqualTo(4900);
            assertThat(placed.getItems()).singleElement().satisfies(line -> {
                assertThat(line.getUnitPriceCents()).isEqualTo(2450);
                assertThat(line.getQuantity()).isEqualTo(2);
            });
            ProductChanged repriced = products.values().get(1);
            assertThat(placed.getOccurredAt()).as("same transaction, same commit time").isEqualTo(repriced.getCommittedAt());

            // While ingest-cdc is down, the order is paid and stock moves.
            execute("BEGIN",
                    "UPDATE inventory SET quantity = 98, reserved_quantity = 0 WHERE product_id = 1 AND warehouse_id = 1",
                    outboxInsert(rows, PAID_EVENT, OrderEventType.ORDER_PAID, OrderStatus.PAID, "card"),
                    "COMMIT");

            try (IngestCdcService service = startService(config)) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(orders.values()).extracting(OrderEvent::getEventId).containsExactly(PLACED_EVENT, PAID_EVENT);
                    assertThat(inventory.values()).last().satisfies(last -> {
                        assertThat(last.getQuantity()).isEqualTo(98);
                        assertThat(last.getReservedQuantity()).isZero();
                    });
                });
                assertThat(products.values()).as("offsets resumed: no second snapshot").hasSize(2);
                assertThat(inventory.values()).hasSize(5);
            }
        }
    }

    @Test
    void offsetsAreOnlyKeptTogetherWithTheirSlotAndDatabase() throws Exception {
        Path folder = INFRA.get().folder().resolve("guard");
        Files.createDirectories(folder);
        Path offsets = folder.resolve("offsets.dat");
        Path source = folder.resolve("offsets.source");
        OffsetStoreGuard guard = new OffsetStoreGuard(offsets, source, GUARD_SLOT);
        try (Connection connection = INFRA.get().postgres().getConnection()) {
            guard.reconcile(connection);
            String thisDatabase = Files.readString(source).trim();
            assertThat(thisDatabase).endsWith("/postgres").doesNotStartWith("unknown");

            createSlot();
            Files.writeString(offsets, "offsets");
            guard.reconcile(connection);
            assertThat(offsets).as("offsets of this slot and database are kept").exists();
            assertThat(slotExists()).isTrue();

            Files.writeString(source, "1234567890/postgres");
            guard.reconcile(connection);
            assertThat(offsets).as("offsets of another cluster are discarded").doesNotExist();
            assertThat(slotExists()).as("and the slot goes with them").isFalse();
            assertThat(Files.readString(source).trim()).isEqualTo(thisDatabase);

            Files.writeString(offsets, "offsets");
            guard.reconcile(connection);
            assertThat(offsets).as("offsets without their slot are discarded").doesNotExist();

            createSlot();
            guard.reconcile(connection);
            assertThat(slotExists()).as("a slot without offsets is dropped").isFalse();
        }
    }

    private static void createSlot() throws SQLException {
        execute("SELECT pg_create_logical_replication_slot('" + GUARD_SLOT + "', 'pgoutput')");
    }

    private static boolean slotExists() throws SQLException {
        try (Connection connection = INFRA.get().postgres().getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + GUARD_SLOT + "'")) {
            result.next();
            return result.getInt(1) == 1;
        }
    }

    private static IngestCdcService startService(IngestCdcConfig config) {
        return RunningIngest.start(config, new SimpleMeterRegistry(), PATIENCE);
    }

    private static String outboxInsert(OutboxRows rows, String eventId, OrderEventType type, OrderStatus status,
            @Nullable String paymentMethod) {
        return rows.insert(eventId, OutboxAggregate.ORDER, "12", type.name(),
                OutboxRows.order12(eventId, type, status).setPaymentMethod(paymentMethod).build());
    }

    private static void execute(String... statements) throws SQLException {
        Sql.execute(INFRA.get().postgres(), statements);
    }
}
