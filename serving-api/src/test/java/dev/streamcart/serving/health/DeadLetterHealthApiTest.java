package dev.streamcart.serving.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code deadLetters} part of {@code /health}, counted from the real {@code outbox-dead-letters} topic. */
class DeadLetterHealthApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    @Test
    void parkedOutboxRowsAreCountedWithoutTakingTheApiDown() {
        JsonNode before = SERVER.admin().get("/api/admin/health").json().path("components").path("deadLetters");
        assertThat(before.path("status").asText()).isEqualTo("UP");
        assertThat(before.path("detail").asText()).contains("0 outbox row(s)");

        // as ingest-cdc sends them: idempotent, not transactional (a transaction's marker would take an offset too)
        SchemaRegistryClient registry = new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl());
        try (KafkaProducer<String, OutboxDeadLetter> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.infrastructure().bootstrapServers()),
                new StringSerializer(), Topics.OUTBOX_DEAD_LETTERS.valueSerde(registry).serializer())) {
            for (String id : List.of("row-1", "row-2")) {
                producer.send(new ProducerRecord<>(Topics.OUTBOX_DEAD_LETTERS.name(), "12", letter(id)));
            }
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode parked = SERVER.admin().get("/api/admin/health").json().path("components").path("deadLetters");
            assertThat(parked.path("status").asText()).isEqualTo("DOWN");
            assertThat(parked.path("detail").asText()).startsWith("2 outbox row(s) in outbox-dead-letters");
        });
        ApiClient.Response health = SERVER.client().get("/health");
        assertThat(health.status()).as("not required: the API still serves").isEqualTo(200);
        assertThat(health.json().path("components").path("deadLetters").path("status").asText()).isEqualTo("DOWN");
    }

    private static OutboxDeadLetter letter(String outboxId) {
        return OutboxDeadLetter.newBuilder()
                .setOutboxId(outboxId)
                .setAggregateType("voucher")
                .setAggregateId("12")
                .setEventType("VOUCHER_ISSUED")
                .setPayload("{\"voucherId\": 5}")
                .setReason(DeadLetterReason.UNKNOWN_AGGREGATE_TYPE)
                .setError("no mapper for aggregate type 'voucher'")
                .setSourceLsn(1)
                .setCommittedAt(Instant.parse("2026-12-07T10:00:00Z"))
                .build();
    }
}
