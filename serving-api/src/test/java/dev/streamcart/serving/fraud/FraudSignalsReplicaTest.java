package dev.streamcart.serving.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.replica.CompactedTopicReplica;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fraud-signals replica behind {@link FraudSignalSource}, on a real broker and registry. */
class FraudSignalsReplicaTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        Path folder = Path.of("target", "it-data", "FraudSignalsReplicaTest");
        Folders.delete(folder);
        infra = LocalInfrastructure.builder(folder).kafka().schemaRegistry().topics().start();
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void signalsOfAUserAreServedAndATombstoneClearsThem() throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(infra.schemaRegistryUrl());
        Instant updated = Instant.parse("2026-11-26T10:00:00Z");
        try (KafkaProducer<String, dev.streamcart.schemas.fraud.FraudSignals> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                        new StringSerializer(), Topics.FRAUD_SIGNALS.valueSerde(registry).serializer());
                CompactedTopicReplica<dev.streamcart.schemas.fraud.FraudSignals> replica =
                        new CompactedTopicReplica<>(Topics.FRAUD_SIGNALS, infra.bootstrapServers(), registry)) {
            FraudSignalSource source = new ReplicatedFraudSignals(replica.start());
            send(producer, 42, dev.streamcart.schemas.fraud.FraudSignals.newBuilder().setUserId(42).setOrdersLast24h(5)
                    .setDistinctCardsLast24h(3).setMaxAddressesPerCardLast24h(2).setUpdatedAt(updated).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> source.forUser(42).isPresent());
            assertThat(source.forUser(42)).contains(new FraudSignals(42, 5, 3, 2, updated));
            assertThat(source.forUser(43)).isEmpty();

            send(producer, 42, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> source.forUser(42).isEmpty());
        }
        assertThat(FraudSignalSource.none().forUser(42)).isEqualTo(Optional.empty());
    }

    private static void send(KafkaProducer<String, dev.streamcart.schemas.fraud.FraudSignals> producer, long userId,
                             dev.streamcart.schemas.fraud.FraudSignals signals)
            throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(Topics.FRAUD_SIGNALS.name(), Topics.key(userId), signals)).get();
    }
}
