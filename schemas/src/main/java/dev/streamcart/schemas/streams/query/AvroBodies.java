package dev.streamcart.schemas.streams.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bodies of the interactive-query protocol: plain Avro binary of a generated record, or of an
 * Avro array of records ({@code Schema.createArray(X.getClassSchema())}), without the Confluent
 * header, since both sides are built from the same schemas; and Avro's JSON encoding of the same,
 * for people with curl. Used by the Streams apps that answer and by serving-api that asks.
 */
public final class AvroBodies {

    private AvroBodies() {}

    public static <T extends SpecificRecord> byte[] encode(T record) {
        Objects.requireNonNull(record, "record");
        return binary(writer(record.getSchema(), record.getClass()), record);
    }

    public static <T extends SpecificRecord> T decode(byte[] body, Class<T> type) {
        return read(reader(SpecificData.getForClass(type).getSchema(type), type), body, type.getSimpleName());
    }

    /** An Avro array of {@code type} records, in the list's order. */
    public static <T extends SpecificRecord> byte[] encodeList(List<T> records, Class<T> type) {
        Objects.requireNonNull(records, "records");
        return binary(writer(arraySchema(type), type), records);
    }

    public static <T extends SpecificRecord> List<T> decodeList(byte[] body, Class<T> type) {
        List<T> records = read(reader(arraySchema(type), type), body, "array of " + type.getSimpleName());
        return List.copyOf(records);
    }

    /** Avro's JSON encoding of one record. */
    public static <T extends SpecificRecord> byte[] encodeJson(T record) {
        Objects.requireNonNull(record, "record");
        return json(writer(record.getSchema(), record.getClass()), record.getSchema(), record);
    }

    /** Avro's JSON encoding of an array of records. */
    public static <T extends SpecificRecord> byte[] encodeJsonList(List<T> records, Class<T> type) {
        Objects.requireNonNull(records, "records");
        return json(writer(arraySchema(type), type), arraySchema(type), records);
    }

    public static Schema arraySchema(Class<? extends SpecificRecord> type) {
        return Schema.createArray(SpecificData.getForClass(type).getSchema(type));
    }

    // The class's own SpecificData carries its logical-type conversions (Instant for timestamp-millis).
    private static <D> DatumWriter<D> writer(Schema schema, Class<?> type) {
        return new SpecificDatumWriter<>(schema, SpecificData.getForClass(type));
    }

    private static <D> DatumReader<D> reader(Schema schema, Class<?> type) {
        return new SpecificDatumReader<>(schema, schema, SpecificData.getForClass(type));
    }

    private static <D> byte[] binary(DatumWriter<D> writer, D datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + datum.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    private static <D> byte[] json(DatumWriter<D> writer, Schema schema, D datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + datum.getClass().getSimpleName() + " as JSON", e);
        }
        return out.toByteArray();
    }

    private static <D> D read(DatumReader<D> reader, byte[] body, String what) {
        Objects.requireNonNull(body, "body");
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("body is not Avro binary of " + what + ": " + e.getMessage(), e);
        }
    }
}
