package dev.streamcart.orders.deadlines;

import java.nio.ByteBuffer;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An order being watched for a deadline: since when it waits, for whom, and when order-streams
 * last acted on it (0 for never). Stored in the deadline stores (and their changelogs) as 24 bytes.
 *
 * @param since commit time, in epoch millis, of the event that started the wait (placed, paid)
 * @param userId the order's customer
 * @param lastRaisedAt wall-clock epoch millis of the last command or alert raised for it, 0 for none
 */
public record Deadline(long since, long userId, long lastRaisedAt) {

    private static final int SIZE = 3 * Long.BYTES;

    public boolean raised() {
        return lastRaisedAt > 0;
    }

    public Deadline raisedAt(long now) {
        return new Deadline(since, userId, now);
    }

    /** Internal state, not a contract between services: a fixed binary layout is enough. */
    public static Serde<Deadline> serde() {
        Serializer<Deadline> serializer = (topic, deadline) -> deadline == null ? null : ByteBuffer.allocate(SIZE)
                .putLong(deadline.since).putLong(deadline.userId).putLong(deadline.lastRaisedAt).array();
        Deserializer<Deadline> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new Deadline(buffer.getLong(), buffer.getLong(), buffer.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
