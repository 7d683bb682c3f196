package dev.streamcart.serving.cart;

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

/** A cart add with {@code X-Session-Id} reaches the clickstream topic as CART_ADD. */
class CartClickstreamTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    @Test
    void addingToTheCartWithASessionRecordsACartAdd() {
        Storefront shop = new Storefront(SERVER.client());
        long category = shop.category();
        long product = shop.product(shop.seller(), category, "3.00");
        long user = shop.user();
        String session = "session-" + UUID.randomUUID();

        assertThat(new CartCalls(shop.as(user)).add(product, 2, "X-Session-Id", session).status()).isEqualTo(200);

        List<ClickEvent> clicks = clicksOf(session, 1);
        assertThat(clicks).hasSize(1);
        ClickEvent click = clicks.get(0);
        assertThat(click.getType()).isEqualTo(ClickType.CART_ADD);
        assertThat(click.getProductId()).isEqualTo(product);
        assertThat(click.getCategoryId()).isEqualTo(category);
        assertThat(click.getUserId()).isEqualTo(user);
    }

    @Test
    void aQuotedCartAndADirectOrderEachStartACheckoutInTheFunnel() {
        Storefront shop = new Storefront(SERVER.client());
        long product = shop.product(shop.seller(), shop.category(), "4.00");
        shop.receive(product, shop.warehouse(), 10);
        long cartBuyer = shop.user();
        long directBuyer = shop.user();
        String session = "session-" + UUID.randomUUID();
        ApiClient cart = shop.as(cartBuyer);
        assertThat(new CartCalls(cart).add(product, 1, "X-Session-Id", session).status()).isEqualTo(200);

        assertThat(cart.post("/api/cart/quote", Map.of("region", "us-east"), "X-Session-Id", session).status())
                .isEqualTo(200);
        assertThat(shop.placeOrder(directBuyer, product, 1).status()).isEqualTo(201);

        assertThat(clicksOf(session, 2)).extracting(ClickEvent::getType)
                .containsExactly(ClickType.CART_ADD, ClickType.CHECKOUT_START);
        List<ClickEvent> direct = clicksOf("user-" + directBuyer, 1);
        assertThat(direct).extracting(ClickEvent::getType).containsExactly(ClickType.CHECKOUT_START);
        assertThat(direct.get(0).getUserId()).isEqualTo(directBuyer);
    }

    private static List<ClickEvent> clicksOf(String session, int expected) {
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
