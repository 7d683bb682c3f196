package dev.streamcart.serving.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A change feed reports what is committed after it went live, never the topic's history. */
class TopicChangeFeedTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static ProductChanged product(long id, String name) {
        return ProductChanged.newBuilder().setProductId(id).setSellerId(1).setCategoryId(1).setSku("SKU-" + id)
                .setName(name).setPriceCents(100).setCurrency("USD").setActive(true).setSourceLsn(id)
                .setCommittedAt(Instant.now()).build();
    }

    private static void awaitVisibleToReadCommitted(String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.infrastructure().bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRODUCT_CHANGES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void historyIsNotReplayedAndLaterChangesOfInterestingKeysAreReported() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicWriter writer = new TopicWriter(SERVER)) {
            writer.commit(Topics.PRODUCT_CHANGES, 1, product(1, "before the feed started"));
            // a commit returns before its markers reach the partition: wait until it is history for readers
            awaitVisibleToReadCommitted("1");
            try (TopicChangeFeed<ProductChanged> feed = new TopicChangeFeed<>(Topics.PRODUCT_CHANGES,
                    SERVER.infrastructure().bootstrapServers(),
                    new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl()))) {
                feed.onChange(key -> !key.equals("3"), (key, value) -> seen.add(key + "=" + value.getName())).start();
                await().atMost(Duration.ofSeconds(30)).until(feed::isLive);

                writer.commit(Topics.PRODUCT_CHANGES, 3, product(3, "not interesting"));
                writer.commit(Topics.PRODUCT_CHANGES, 2, product(2, "after"));

                await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("2=after"));
                assertThat(seen).containsExactly("2=after");
            }
        }
    }
}
