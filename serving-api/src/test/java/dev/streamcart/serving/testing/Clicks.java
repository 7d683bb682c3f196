package dev.streamcart.serving.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what serving-api sent to the clickstream, for tests of its click events. */
public final class Clicks {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Clicks() {}

    /** The click events of one session (the record key), in order, once at least {@code expected} arrived. */
    public static List<ClickEvent> ofSession(ApiServerExtension server, String session, int expected) {
        return bySession(server, PATIENCE, Duration.ZERO,
                found -> found.getOrDefault(session, List.of()).size() >= expected).get(session);
    }

    /**
     * The click events of every session (the record key), in order, once each of {@code sessions} has
     * one, and then whatever else arrives within half a second: enough to show that a click which
     * would have been sent before theirs is absent.
     */
    public static Map<String, List<ClickEvent>> ofSessions(ApiServerExtension server, Duration patience, String... sessions) {
        return bySession(server, patience, Duration.ofMillis(500), found -> found.keySet().containsAll(List.of(sessions)));
    }

    private static Map<String, List<ClickEvent>> bySession(ApiServerExtension server, Duration patience, Duration linger,
                                                           Predicate<Map<String, List<ClickEvent>>> enough) {
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
            Map<String, List<ClickEvent>> found = new HashMap<>();
            await().atMost(patience).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> add(found, record));
                return enough.test(found);
            });
            if (!linger.isZero()) {
                consumer.poll(linger).forEach(record -> add(found, record));
            }
            return found;
        }
    }

    private static void add(Map<String, List<ClickEvent>> found, ConsumerRecord<String, ClickEvent> record) {
        found.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value());
    }
}
