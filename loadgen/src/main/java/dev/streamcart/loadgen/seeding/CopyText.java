package dev.streamcart.loadgen.seeding;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Rows of one table in PostgreSQL's COPY text format (tab between columns, {@code \N} for null,
 * backslash escapes), built in memory and handed to {@code COPY ... FROM STDIN} in one go.
 */
final class CopyText {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSXXX");

    private final String table;
    private final String columns;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowOpen;
    private boolean firstColumn = true;
    private long rows;

    CopyText(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    String table() {
        return table;
    }

    String columns() {
        return columns;
    }

    long rows() {
        return rows;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    CharSequence text() {
        return text;
    }

    CopyText row() {
        if (rowOpen) {
            text.append('\n');
        }
        rowOpen = true;
        firstColumn = true;
        rows++;
        return this;
    }

    CopyText add(long value) {
        separator();
        text.append(value);
        return this;
    }

    CopyText add(boolean value) {
        separator();
        text.append(value ? 't' : 'f');
        return this;
    }

    CopyText cents(long cents) {
        separator();
        if (cents < 0) {
            text.append('-');
            cents = -cents;
        }
        text.append(cents / 100).append('.');
        long fraction = cents % 100;
        if (fraction < 10) {
            text.append('0');
        }
        text.append(fraction);
        return this;
    }

    CopyText add(@Nullable Instant instant) {
        if (instant == null) {
            return nullValue();
        }
        separator();
        text.append(TIMESTAMP.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)));
        return this;
    }

    CopyText add(@Nullable String value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyText nullValue() {
        separator();
        text.append("\\N");
        return this;
    }

    private void separator() {
        if (!firstColumn) {
            text.append('\t');
        }
        firstColumn = false;
    }

    /** The text COPY reads: every row ended by a newline. */
    String finished() {
        return rowOpen ? text + "\n" : "";
    }
}
