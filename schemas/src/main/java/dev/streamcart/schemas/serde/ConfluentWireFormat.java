package dev.streamcart.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary body. Any Confluent-compatible consumer can read what we write.
 */
public final class ConfluentWireFormat {

    private static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    /**
     * {@code datum} as {@code writer} encodes it, framed under {@code schemaId}; a failure is a
     * {@link SerializationException} naming {@code what}.
     */
    public static <D> byte[] encode(int schemaId, DatumWriter<D> writer, D datum, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + what + " (schema id " + schemaId + ")", e);
        }
        return out.toByteArray();
    }

    public static int schemaId(byte[] framed) {
        if (framed.length < HEADER_SIZE || framed[0] != MAGIC_BYTE) {
            throw new SerializationException("not in Confluent wire format (magic byte 0 + schema id expected)");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
