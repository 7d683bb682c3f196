package dev.streamcart.recommender;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Generated clickstream with planted structure: three clusters of users who never bought anything,
 * each viewing and adding to the cart only products of its own group (the groups of
 * {@link PlantedTastes}). Noise that must be ignored crosses the clusters: anonymous views, searches
 * and checkout starts.
 */
final class PlantedClicks {

    static final long FIRST_VIEWER = 1001;
    static final int VIEWERS_PER_CLUSTER = 10;
    static final int VIEWS_PER_USER = 8;
    static final int CART_ADDS_PER_USER = 2;

    private PlantedClicks() {}

    static int clusterOfViewer(long userId) {
        return (int) ((userId - FIRST_VIEWER) / VIEWERS_PER_CLUSTER);
    }

    static long viewers() {
        return (long) PlantedTastes.CLUSTERS * VIEWERS_PER_CLUSTER;
    }

    /** Produces the events: per viewer {@link #VIEWS_PER_USER} views and {@link #CART_ADDS_PER_USER} cart adds. */
    static void produce(String bootstrapServers, String registryUrl, long seed) {
        Random random = new Random(seed);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        Instant now = Instant.now();
        try (KafkaProducer<String, ClickEvent> producer = new KafkaProducer<>(properties, Topics.CLICKSTREAM.keySerde().serializer(),
                Topics.CLICKSTREAM.valueSerde(new SchemaRegistryClient(registryUrl)).serializer())) {
            for (long user = FIRST_VIEWER; user < FIRST_VIEWER + viewers(); user++) {
                int cluster = clusterOfViewer(user);
                int otherCluster = (cluster + 1) % PlantedTastes.CLUSTERS;
                String session = UUID.randomUUID().toString();
                for (int i = 0; i < VIEWS_PER_USER; i++) {
                    send(producer, event(session, user, ClickType.PRODUCT_VIEW, product(cluster, random), now, random));
                }
                for (int i = 0; i < CART_ADDS_PER_USER; i++) {
                    send(producer, event(session, user, ClickType.CART_ADD, product(cluster, random), now, random));
                }
                // not taste signals of this user: must not pull it towards the other cluster
                for (int i = 0; i < 3; i++) {
                    send(producer, event(UUID.randomUUID().toString(), null, ClickType.PRODUCT_VIEW,
                            product(otherCluster, random), now, random));
                    send(producer, event(session, user, ClickType.CHECKOUT_START, product(otherCluster, random), now, random));
                }
                send(producer, event(session, user, ClickType.SEARCH, null, now, random));
            }
            producer.flush();
        }
    }

    private static long product(int cluster, Random random) {
        return PlantedTastes.product(cluster, random.nextInt(PlantedTastes.PRODUCTS_PER_CLUSTER));
    }

    private static ClickEvent event(String session, @Nullable Long user, ClickType type, @Nullable Long product, Instant now,
            Random random) {
        return ClickEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSessionId(session)
                .setUserId(user)
                .setType(type)
                .setProductId(product)
                .setCategoryId(product == null ? null : PlantedTastes.clusterOfProduct(product) + 1L)
                .setQuery(type == ClickType.SEARCH ? "lamp" : null)
                .setOccurredAt(now.minus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 10))))
                .build();
    }

    private static void send(KafkaProducer<String, ClickEvent> producer, ClickEvent event) {
        producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), event.getSessionId(), event));
    }
}
