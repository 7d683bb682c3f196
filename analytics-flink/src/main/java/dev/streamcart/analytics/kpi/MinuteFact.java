package dev.streamcart.analytics.kpi;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one event adds to one row of a per-minute {@link KpiTable}; the minute is the event's
 * timestamp (its event time). {@code keyNumbers} and {@code keyStrings} are the row's key columns
 * after {@code minute}, {@code measures} its value columns, each in column order.
 */
public record MinuteFact(KpiTable table, long[] keyNumbers, String[] keyStrings, long[] measures) {

    public MinuteFact {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyNumbers, "keyNumbers");
        Objects.requireNonNull(keyStrings, "keyStrings");
        Objects.requireNonNull(measures, "measures");
    }

    /** Which row of which table this fact adds to (within a minute): the window key. */
    public String rowKey() {
        return table.ordinal() + Arrays.toString(keyNumbers) + '\u001f' + String.join("\u001f", keyStrings);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MinuteFact fact && table == fact.table && Arrays.equals(keyNumbers, fact.keyNumbers)
                && Arrays.equals(keyStrings, fact.keyStrings) && Arrays.equals(measures, fact.measures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, Arrays.hashCode(keyNumbers), Arrays.hashCode(keyStrings), Arrays.hashCode(measures));
    }

    @Override
    public String toString() {
        return table + Arrays.toString(keyNumbers) + Arrays.toString(keyStrings) + "+" + Arrays.toString(measures);
    }
}
