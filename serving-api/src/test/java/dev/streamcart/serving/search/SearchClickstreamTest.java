package dev.streamcart.serving.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SearchClickstreamTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    @Test
    void aSearchInASessionIsRecordedOnTheClickstreamAndOneWithoutASessionIsNot() {
        Storefront shop = new Storefront(SERVER.client());
        long category = shop.category();
        long customer = shop.user();
        String session = "search-" + UUID.randomUUID();
        String anonymous = "never-sent-" + UUID.randomUUID();

        ApiClient.Response unrecorded = SERVER.client().get("/api/search?q=" + anonymous.replace("-", ""));
        ApiClient.Response recorded = shop.as(customer).get("/api/search?q=blue%20kettle&category=" + category,
                "X-Session-Id", session);

        assertThat(unrecorded.status()).isEqualTo(200);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        List<ClickEvent> clicks = awaitClicks(session);
        assertThat(clicks).hasSize(1);
        ClickEvent search = clicks.get(0);
        assertThat(search.getType()).isEqualTo(ClickType.SEARCH);
        assertThat(search.getQuery()).isEqualTo("blue kettle");
        assertThat(search.getCategoryId()).isEqualTo(category);
        assertThat(search.getProductId()).isNull();
        assertThat(search.getUserId()).as("the signed-in shopper").isEqualTo(customer);
    }

    private static List<ClickEvent> awaitClicks(String session) {
        SchemaRegistryClient registry = new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl());
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.infrastructure().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, ClickEvent> consumer = new KafkaConsumer<>(config,
                Topics.CLICKSTREAM.keySerde().deserializer(), Topics.CLICKSTREAM.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLICKSTREAM.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ClickEvent> found = new ArrayList<>();
            List<ClickEvent> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, ClickEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    all.add(record.value());
                    if (session.equals(record.key())) {
                        found.add(record.value());
                    }
                }
                return !found.isEmpty();
            });
            // the search without a session was answered before, so it would have been sent before
            assertThat(all).allSatisfy(click -> assertThat(click.getType()).isEqualTo(ClickType.SEARCH))
                    .hasSize(1);
            return found;
        }
    }
}
