package dev.streamcart.ingest.capture;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed column values from a captured row, as the PostgreSQL connector represents them
 * with {@code decimal.handling.mode=string}: numeric as exact decimal text, uuid and jsonb as
 * text, timestamptz as ISO-8601 text.
 */
public final class Columns {

    private Columns() {}

    public static @Nullable Object value(Struct row, String column) {
        return row.schema().field(column) == null ? null : row.get(column);
    }

    public static long requiredLong(Struct row, String column) {
        Object value = value(row, column);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw missing(row, column, value);
    }

    public static int intOr(Struct row, String column, int fallback) {
        Object value = value(row, column);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    public static long longOr(Struct row, String column, long fallback) {
        Object value = value(row, column);
        return value instanceof Number number ? number.longValue() : fallback;
    }

    public static boolean booleanOr(Struct row, String column, boolean fallback) {
        Object value = value(row, column);
        return value instanceof Boolean flag ? flag : fallback;
    }

    public static @Nullable String string(Struct row, String column) {
        Object value = value(row, column);
        return value == null ? null : value.toString();
    }

    public static String requiredString(Struct row, String column) {
        String value = string(row, column);
        if (value == null) {
            throw missing(row, column, null);
        }
        return value;
    }

    /** A timestamptz column, or null when absent. */
    public static @Nullable Instant instant(Struct row, String column) {
        String value = string(row, column);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    /** A NUMERIC(12,2) money column in cents, exactly; fails on fractions of a cent. */
    public static long cents(Struct row, String column) {
        Object value = value(row, column);
        if (value == null) {
            throw missing(row, column, null);
        }
        BigDecimal amount = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
        return toCents(amount);
    }

    public static long toCents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    private static IllegalArgumentException missing(Struct row, String column, @Nullable Object value) {
        return new IllegalArgumentException("column '" + column + "' of " + row.schema().name()
                + " is missing or of an unexpected type: " + value);
    }
}
