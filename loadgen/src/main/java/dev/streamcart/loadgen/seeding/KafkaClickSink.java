package dev.streamcart.loadgen.seeding;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Produces seeded clicks to the clickstream topic with the topic catalogue's serdes (Confluent wire
 * format through the registry), keyed by session like serving-api's producer. Unlike the API it
 * waits for every acknowledgement: a seed must know that it delivered what it reports.
 */
final class KafkaClickSink implements ClickSink {

    private final KafkaProducer<String, ClickEvent> producer;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<@Nullable Exception> firstFailure = new AtomicReference<>();

    KafkaClickSink(String bootstrapServers, String schemaRegistryUrl) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "seed-clickstream");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        SchemaRegistryClient registry = new SchemaRegistryClient(schemaRegistryUrl);
        this.producer = new KafkaProducer<>(config, Topics.CLICKSTREAM.keySerde().serializer(),
                Topics.CLICKSTREAM.valueSerde(registry).serializer());
    }

    @Override
    public void send(ClickEvent event) {
        producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), event.getSessionId(), event), (metadata, failure) -> {
            if (failure != null) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, failure);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        long undelivered = failures.get();
        if (undelivered > 0) {
            throw new IllegalStateException(undelivered + " click events could not be delivered to Kafka", firstFailure.get());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
