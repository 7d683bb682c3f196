package dev.streamcart.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.streamcart.schemas.topics.CompactedTopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** schemas' compacted-topic reader against a real broker: latest value per key, tombstones, aborted transactions. */
class CompactedTopicReaderTest {

    private static final Duration STALL = Duration.ofSeconds(30);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(Path.of("target/it-data/compacted-reader-" + System.nanoTime()), 0, 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void readsToTheEndKeepingTheLatestValuePerKeyWithoutTombstonedOrAbortedOnes() throws Exception {
        String topic = createTopic("read-to-end");
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "1", "one"));
            producer.send(new ProducerRecord<>(topic, "2", "two"));
            producer.send(new ProducerRecord<>(topic, "3", "three"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "1", "one again"));
            producer.send(new ProducerRecord<>(topic, "2", null));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "3", "never committed"));
            producer.flush();
            producer.abortTransaction();
        }

        Map<String, String> latest = CompactedTopicReader.readToEnd(broker.bootstrapServers(), topic, new StringDeserializer(), STALL);
        List<String> changes = new ArrayList<>();
        CompactedTopicReader.readToEnd(broker.bootstrapServers(), topic, new StringDeserializer(), STALL,
                (key, value) -> changes.add(key + "=" + value));

        assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of("1", "one again", "3", "three"));
        assertThat(changes).as("every committed change, tombstone included, in order per partition")
                .containsExactly("1=one", "2=two", "3=three", "1=one again", "2=null");
    }

    @Test
    void followsATopicFromItsBeginningAndForgetsTombstonedKeys() throws Exception {
        String topic = createTopic("follow");
        try (CompactedTopicReader<String> reader = CompactedTopicReader.fromBeginning(broker.bootstrapServers(), topic, 1,
                     new StringDeserializer());
             KafkaProducer<String, String> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "a", "first"));
            producer.send(new ProducerRecord<>(topic, "b", "kept"));
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 2);

            producer.send(new ProducerRecord<>(topic, "a", null));
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reader.poll()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "kept")));
        }
    }

    private static String createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "compacted-reader-test");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
