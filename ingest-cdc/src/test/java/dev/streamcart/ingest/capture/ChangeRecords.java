package dev.streamcart.ingest.capture;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/** Builds change records shaped like the PostgreSQL connector's envelope, for unit tests of the mappers. */
public final class ChangeRecords {

    private ChangeRecords() {}

    /** A row struct from column values; a value's Java type decides its Connect type. */
    public static Struct row(String table, Map<String, ?> columns) {
        SchemaBuilder schema = SchemaBuilder.struct().name("streamcart.public." + table + ".Value");
        for (Map.Entry<String, ?> column : columns.entrySet()) {
            schema.field(column.getKey(), schemaOf(column.getValue()));
        }
        Schema built = schema.build();
        Struct row = new Struct(built);
        columns.forEach(row::put);
        return row;
    }

    public static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return columns;
    }

    public static RowChange change(String table, RowChange.Operation operation, Map<String, ?> columns, long lsn,
            Instant committedAt) {
        return new RowChange(table, operation, row(table, columns), lsn, committedAt);
    }

    /** A full envelope record, as the engine hands it over. */
    public static SourceRecord envelope(String table, String op, @Nullable Struct before, @Nullable Struct after,
            @Nullable Long lsn, long tsMillis) {
        Schema rowSchema = (after != null ? after : before).schema();
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                .field("table", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA)
                .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Schema optionalRow = optional(rowSchema);
        Schema envelope = SchemaBuilder.struct().name("streamcart.public." + table + ".Envelope")
                .field("before", optionalRow)
                .field("after", optionalRow)
                .field("source", source)
                .field("op", Schema.STRING_SCHEMA)
                .build();
        Struct value = new Struct(envelope)
                .put("before", copy(before, optionalRow))
                .put("after", copy(after, optionalRow))
                .put("source", new Struct(source).put("table", table).put("ts_ms", tsMillis).put("lsn", lsn))
                .put("op", op);
        return new SourceRecord(Map.of(), Map.of(), "streamcart.public." + table, envelope, value);
    }

    private static Schema optional(Schema rowSchema) {
        SchemaBuilder builder = SchemaBuilder.struct().name(rowSchema.name()).optional();
        rowSchema.fields().forEach(field -> builder.field(field.name(), field.schema()));
        return builder.build();
    }

    private static @Nullable Struct copy(@Nullable Struct row, Schema schema) {
        if (row == null) {
            return null;
        }
        Struct copy = new Struct(schema);
        row.schema().fields().forEach(field -> copy.put(field.name(), row.get(field)));
        return copy;
    }

    private static Schema schemaOf(@Nullable Object value) {
        if (value instanceof Long) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        }
        if (value instanceof Integer) {
            return Schema.OPTIONAL_INT32_SCHEMA;
        }
        if (value instanceof Boolean) {
            return Schema.OPTIONAL_BOOLEAN_SCHEMA;
        }
        return Schema.OPTIONAL_STRING_SCHEMA;
    }
}
