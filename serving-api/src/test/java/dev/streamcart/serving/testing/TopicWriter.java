package dev.streamcart.serving.testing;

import java.util.Properties;
import java.util.UUID;
import java.util.function.ToLongFunction;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to a platform topic the way its Streams app does: in exactly-once transactions,
 * Avro through the registry, keyed by the aggregate id. For tests of serving-api's consumers.
 */
public final class TopicWriter implements AutoCloseable {

    private final SchemaRegistryClient registry;
    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(ApiServerExtension server) {
        this.registry = new SchemaRegistryClient(server.infrastructure().schemaRegistryUrl());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.infrastructure().bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-writer-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /** Writes the values, all under {@code key}, in one committed transaction. */
    @SafeVarargs
    public final <V extends SpecificRecord> void commit(TopicSpec<V> topic, long key, V... values) {
        commit(topic, value -> key, values);
    }

    /** Writes the values, each under the key {@code keyOf} gives it, in one committed transaction. */
    @SafeVarargs
    public final <V extends SpecificRecord> void commit(TopicSpec<V> topic, ToLongFunction<? super V> keyOf, V... values) {
        beginAndSend(topic, keyOf, values);
        producer.commitTransaction();
    }

    /** Writes the values, all under {@code key}, in one transaction that is then aborted, as a failed writer's would be. */
    @SafeVarargs
    public final <V extends SpecificRecord> void abort(TopicSpec<V> topic, long key, V... values) {
        beginAndSend(topic, value -> key, values);
        producer.abortTransaction();
    }

    private <V extends SpecificRecord> void beginAndSend(TopicSpec<V> topic, ToLongFunction<? super V> keyOf, V[] values) {
        producer.beginTransaction();
        for (V value : values) {
            producer.send(new ProducerRecord<>(topic.name(), Topics.key(keyOf.applyAsLong(value)),
                    topic.valueSerde(registry).serializer().serialize(topic.name(), value)));
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
