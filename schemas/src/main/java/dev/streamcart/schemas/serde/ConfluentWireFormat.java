package dev.streamcart.schemas.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary body. Any Confluent-compatible consumer can read what we write.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    public static byte[] frame(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBody.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBody)
                .array();
    }

    public static int schemaId(byte[] framed) {
        if (framed.length < HEADER_SIZE || framed[0] != MAGIC_BYTE) {
            throw new SerializationException("not in Confluent wire format (magic byte 0 + schema id expected)");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
