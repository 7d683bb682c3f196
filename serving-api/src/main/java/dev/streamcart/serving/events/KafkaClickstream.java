package dev.streamcart.serving.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends storefront behaviour (product views, searches, ...) to the {@code clickstream} topic, keyed by
 * session. Fire and forget: a lost click is acceptable, a failed page view is not, so failures are
 * logged (at most one line per 30 s) and never reach the request.
 */
public final class KafkaClickstream implements Clickstream {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClickstream.class);
    private static final long LOG_INTERVAL_MILLIS = 30_000;

    private final KafkaProducer<String, ClickEvent> producer;
    private volatile long lastFailureLogged;

    public KafkaClickstream(String bootstrapServers, SchemaRegistryClient registry) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "serving-api-clickstream");
        // the training data of the recommender: kept on every in-sync replica, like the platform's other events
        // (the send is asynchronous, so a request never waits for it)
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // never block a request thread for long when Kafka is away
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, Topics.CLICKSTREAM.keySerde().serializer(),
                Topics.CLICKSTREAM.valueSerde(registry).serializer());
    }

    @Override
    public void productViewed(String sessionId, @Nullable Long userId, long productId, long categoryId) {
        productViewed(sessionId, userId, productId, categoryId, null);
    }

    @Override
    public void productViewed(String sessionId, @Nullable Long userId, long productId, long categoryId,
                              @Nullable String recommendationVariant) {
        sendProductEvent(ClickType.PRODUCT_VIEW, sessionId, userId, productId, categoryId, recommendationVariant);
    }

    @Override
    public void cartAdded(String sessionId, @Nullable Long userId, long productId, long categoryId) {
        cartAdded(sessionId, userId, productId, categoryId, null);
    }

    @Override
    public void cartAdded(String sessionId, @Nullable Long userId, long productId, long categoryId,
                          @Nullable String recommendationVariant) {
        sendProductEvent(ClickType.CART_ADD, sessionId, userId, productId, categoryId, recommendationVariant);
    }

    @Override
    public void recommendationsShown(String sessionId, @Nullable Long userId, String variant, List<Long> productIds) {
        Objects.requireNonNull(variant, "variant");
        for (long productId : productIds) {
            send(event(sessionId, userId, ClickType.RECOMMENDATION_IMPRESSION).setProductId(productId)
                    .setCategoryId(null).setQuery(null).setRecommendationVariant(variant).build());
        }
    }

    @Override
    public void searched(String sessionId, @Nullable Long userId, String query, @Nullable Long categoryId) {
        Objects.requireNonNull(query, "query");
        send(event(sessionId, userId, ClickType.SEARCH).setProductId(null).setCategoryId(categoryId)
                .setQuery(query).build());
    }

    @Override
    public void checkoutStarted(String sessionId, long userId) {
        send(event(sessionId, userId, ClickType.CHECKOUT_START).setProductId(null).setCategoryId(null).setQuery(null)
                .build());
    }

    private void sendProductEvent(ClickType type, String sessionId, @Nullable Long userId, long productId,
                                  long categoryId, @Nullable String recommendationVariant) {
        send(event(sessionId, userId, type).setProductId(productId).setCategoryId(categoryId)
                .setQuery(null).setRecommendationVariant(recommendationVariant).build());
    }

    private static ClickEvent.Builder event(String sessionId, @Nullable Long userId, ClickType type) {
        Objects.requireNonNull(sessionId, "sessionId");
        return ClickEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSessionId(sessionId)
                .setUserId(userId)
                .setType(type)
                .setOccurredAt(Instant.now());
    }

    private void send(ClickEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), event.getSessionId(), event), (metadata, failure) -> {
                if (failure != null) {
                    logFailure(failure);
                }
            });
        } catch (RuntimeException e) {
            logFailure(e);
        }
    }

    private void logFailure(Exception failure) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLogged > LOG_INTERVAL_MILLIS) {
            lastFailureLogged = now;
            LOG.warn("clickstream event not sent: {}", failure.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
