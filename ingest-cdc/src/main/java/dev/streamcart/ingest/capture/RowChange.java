package dev.streamcart.ingest.capture;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * One captured row change, taken out of Debezium's change-event envelope.
 *
 * @param table table name without schema ({@code outbox}, {@code products}, {@code inventory})
 * @param row the row after the change, or before it for a delete
 * @param lsn WAL position of the change (0 when the connector gave none)
 * @param committedAt commit time of the transaction (snapshot time for snapshot reads)
 */
public record RowChange(String table, Operation operation, Struct row, long lsn, Instant committedAt) {

    public RowChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(committedAt, "committedAt");
    }

    /** What happened to the row. */
    public enum Operation {
        SNAPSHOT_READ, INSERT, UPDATE, DELETE;

        static @Nullable Operation fromCode(@Nullable String code) {
            if (code == null) {
                return null;
            }
            return switch (code) {
                case "r" -> SNAPSHOT_READ;
                case "c" -> INSERT;
                case "u" -> UPDATE;
                case "d" -> DELETE;
                default -> null;
            };
        }
    }

    /**
     * The row change a record carries; empty for heartbeats, tombstones, truncates and anything
     * else that is not a row change.
     */
    public static Optional<RowChange> from(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || !hasField(envelope, "op") || !hasField(envelope, "source")) {
            return Optional.empty();
        }
        Operation operation = Operation.fromCode(envelope.getString("op"));
        if (operation == null) {
            return Optional.empty();
        }
        Struct row = operation == Operation.DELETE ? envelope.getStruct("before") : envelope.getStruct("after");
        Struct source = envelope.getStruct("source");
        if (row == null || source == null) {
            return Optional.empty();
        }
        Long lsn = hasField(source, "lsn") ? source.getInt64("lsn") : null;
        Long committedAtMillis = source.getInt64("ts_ms");
        return Optional.of(new RowChange(source.getString("table"), operation, row, lsn == null ? 0 : lsn,
                Instant.ofEpochMilli(committedAtMillis == null ? 0 : committedAtMillis)));
    }

    private static boolean hasField(Struct struct, String name) {
        Field field = struct.schema().field(name);
        return field != null;
    }
}
