package dev.streamcart.serving.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what serving-api sent to the clickstream, for tests of its click events. */
public final class Clicks {

    private Clicks() {}

    /** The click events of one session (the record key), in order, once at least {@code expected} arrived. */
    public static List<ClickEvent> ofSession(ApiServerExtension server, String session, int expected) {
        SchemaRegistryClient registry = new SchemaRegistryClient(server.infrastructure().schemaRegistryUrl());
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.infrastructure().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, ClickEvent> consumer = new KafkaConsumer<>(config,
                Topics.CLICKSTREAM.keySerde().deserializer(), Topics.CLICKSTREAM.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLICKSTREAM.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ClickEvent> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, ClickEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (session.equals(record.key())) {
                        found.add(record.value());
                    }
                }
                return found.size() >= expected;
            });
            return found;
        }
    }
}
