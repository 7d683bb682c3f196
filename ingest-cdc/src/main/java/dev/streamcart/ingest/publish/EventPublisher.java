package dev.streamcart.ingest.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.AvroSerde;
import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends events to Kafka with the catalogue's serdes (Confluent wire format through the registry),
 * idempotently and acknowledged by all in-sync replicas. Callers wait on the returned futures
 * before they let the source forget a change.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final SchemaRegistryClient registry;
    private final Map<String, AvroSerde<?>> serdesByTopic = new ConcurrentHashMap<>();

    public EventPublisher(String bootstrapServers, SchemaRegistryClient registry, String clientId) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // A change is only committed back to PostgreSQL after its send is acknowledged; a
                // short linger still batches the rows of one transaction together.
                ProducerConfig.LINGER_MS_CONFIG, 1);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public <V extends SpecificRecord> Future<RecordMetadata> send(OutgoingEvent<V> event) {
        byte[] value = serde(event.topic()).serializer().serialize(event.topic().name(), event.value());
        return producer.send(new ProducerRecord<>(event.topic().name(), event.key(), value));
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> AvroSerde<V> serde(TopicSpec<V> topic) {
        // One serde per topic, and a topic has exactly one value class in the catalogue.
        return (AvroSerde<V>) serdesByTopic.computeIfAbsent(topic.name(), name -> topic.valueSerde(registry));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
