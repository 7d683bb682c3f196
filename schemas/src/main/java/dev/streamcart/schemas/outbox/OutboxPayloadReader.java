package dev.streamcart.schemas.outbox;

import java.io.IOException;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads outbox payloads written with one schema, as generic records of that very schema: fields the
 * reader was not compiled with are kept. Avro's JSON decoder accepts the fields in any order, which
 * matters because {@code jsonb} stores object keys sorted by length, not as written. One instance
 * per writer schema, reused for every row (building the decoder's grammar is the costly part); not
 * thread-safe.
 */
public final class OutboxPayloadReader {

    private final Schema writerSchema;
    private final GenericDatumReader<GenericRecord> reader;
    private final JsonDecoder decoder;

    public OutboxPayloadReader(Schema writerSchema) {
        this.writerSchema = Objects.requireNonNull(writerSchema, "writerSchema");
        this.reader = new GenericDatumReader<>(writerSchema);
        try {
            this.decoder = DecoderFactory.get().jsonDecoder(writerSchema, "{}");
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a JSON decoder for " + writerSchema.getFullName(), e);
        }
    }

    public Schema writerSchema() {
        return writerSchema;
    }

    /** The record in {@code json}; an {@link IllegalArgumentException} says why it is not one. */
    public GenericRecord read(String json) {
        Objects.requireNonNull(json, "json");
        try {
            decoder.configure(json);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("payload is not Avro JSON of " + writerSchema.getFullName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A payload as the generated class {@code type}, for code that knows the event it reads (tests,
     * tools); the payload must be written with the class's own schema.
     */
    public static <V extends SpecificRecord> V read(String json, Class<V> type) {
        Objects.requireNonNull(json, "json");
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        try {
            return new SpecificDatumReader<V>(schema, schema, data).read(null, DecoderFactory.get().jsonDecoder(schema, json));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("payload is not Avro JSON of " + schema.getFullName() + ": "
                    + e.getMessage(), e);
        }
    }
}
