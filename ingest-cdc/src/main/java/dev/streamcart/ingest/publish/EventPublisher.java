package dev.streamcart.ingest.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.AvroSerde;
import dev.streamcart.schemas.serde.ConfluentWireFormat;
import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
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
    private final Map<Integer, DatumWriter<IndexedRecord>> writersBySchemaId = new ConcurrentHashMap<>();

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

    public Future<RecordMetadata> send(OutgoingEvent<?> event) {
        Integer writerSchemaId = event.writerSchemaId();
        byte[] value = writerSchemaId == null
                ? serde(event.topic()).serializer().serialize(event.topic().name(), (SpecificRecord) event.value())
                : framed(writerSchemaId, event.value());
        return producer.send(new ProducerRecord<>(event.topic().name(), event.key(), value));
    }

    @SuppressWarnings("unchecked")
    private AvroSerde<SpecificRecord> serde(TopicSpec<?> topic) {
        // One serde per topic, and a topic has exactly one value class in the catalogue.
        return (AvroSerde<SpecificRecord>) serdesByTopic.computeIfAbsent(topic.name(), name -> topic.valueSerde(registry));
    }

    /** The record in the Confluent wire format under the id of the schema it was written with. */
    private byte[] framed(int schemaId, IndexedRecord record) {
        DatumWriter<IndexedRecord> writer = writersBySchemaId.computeIfAbsent(schemaId,
                id -> new GenericDatumWriter<>(record.getSchema()));
        return ConfluentWireFormat.encode(schemaId, writer, record, record.getSchema().getFullName());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
