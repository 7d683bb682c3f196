package dev.streamcart.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for a generated Avro class in the Confluent wire format. The writer registers its schema
 * under {@code <topic>-value} (TopicNameStrategy); the reader resolves the writer's schema by id
 * and projects it onto the class's own schema, so consumers read older and newer versions alike.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Schema readerSchema;
    private final SchemaRegistryClient registry;
    private final boolean forKey;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final SpecificDatumWriter<T> writer;

    public AvroSerde(Class<T> recordClass, SchemaRegistryClient registry, boolean forKey) {
        Objects.requireNonNull(recordClass, "recordClass");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.readerSchema = SpecificData.get().getSchema(recordClass);
        this.forKey = forKey;
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> recordClass, SchemaRegistryClient registry) {
        return new AvroSerde<>(recordClass, registry, false);
    }

    public Schema schema() {
        return readerSchema;
    }

    /** Encodes with an explicit subject, for callers outside Kafka's serializer interface. */
    public byte[] encode(String subject, T record) {
        int id = registry.register(subject, readerSchema);
        return ConfluentWireFormat.encode(id, writer, record, readerSchema.getFullName() + " for " + subject);
    }

    public T decode(byte[] framed) {
        int id = ConfluentWireFormat.schemaId(framed);
        DatumReader<T> reader = readersByWriterId.computeIfAbsent(id,
                writerId -> new SpecificDatumReader<>(registry.schemaById(writerId), readerSchema));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, ConfluentWireFormat.HEADER_SIZE,
                framed.length - ConfluentWireFormat.HEADER_SIZE, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + readerSchema.getFullName() + " (schema id " + id + ")", e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : encode(topic + (forKey ? "-key" : "-value"), record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
