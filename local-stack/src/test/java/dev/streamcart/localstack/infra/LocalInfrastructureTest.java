package dev.streamcart.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalInfrastructureTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.builder(Path.of("target/it-data/" + LocalInfrastructureTest.class.getSimpleName()))
                .postgres().schemaRegistry().topics().clickHouse()
                .start();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void postgresIsDurableAndReadyForLogicalDecoding() throws Exception {
        try (Connection connection = infra.postgres().getConnection(); Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "wal_level")).isEqualTo("logical");
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
        }
        assertThat(infra.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    void avroRecordsRoundTripThroughKafkaInConfluentWireFormat() {
        SchemaRegistryClient registry = new SchemaRegistryClient(infra.schemaRegistryUrl());
        StockLevel level = StockLevel.newBuilder().setProductId(7).setOnHand(10).setReserved(3).setAvailable(7)
                .setWarehouses(List.of(WarehouseStock.newBuilder().setWarehouseId(1).setOnHand(10).setReserved(3)
                        .setAvailable(7).setSourceLsn(42).build()))
                .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
        var serde = Topics.STOCK_LEVELS.valueSerde(registry);
        try (KafkaProducer<String, StockLevel> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                Topics.STOCK_LEVELS.keySerde().serializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(Topics.STOCK_LEVELS.name(), Topics.key(7), level));
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "roundtrip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.STOCK_LEVELS.keySerde().deserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STOCK_LEVELS.name()));
            ConsumerRecord<String, byte[]> record = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (record == null && Instant.now().isBefore(deadline)) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    record = records.iterator().next();
                }
            }
            assertThat(record).isNotNull();
            assertThat(record.key()).isEqualTo("7");
            assertThat(record.value()[0]).as("Confluent magic byte").isZero();
            assertThat(serde.deserializer().deserialize(Topics.STOCK_LEVELS.name(), record.value())).isEqualTo(level);
        }
    }

    @Test
    void clickHouseAnswersQueriesOverHttp() throws Exception {
        String query = URLEncoder.encode("SELECT 40 + 2", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.clickHouseUrl() + "/?query=" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().trim()).isEqualTo("42");
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
