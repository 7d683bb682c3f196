package dev.streamcart.analytics.kpi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a {@link KpiTable}: the numeric columns' values in column order (DateTime as epoch
 * seconds), the string columns' values in column order, and the row's ReplacingMergeTree version.
 */
public record KpiRow(KpiTable table, long[] numbers, String[] strings, long version) {

    public KpiRow {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(strings, "strings");
        if (numbers.length != table.numericColumns() || strings.length != table.stringColumns()) {
            throw new IllegalArgumentException(table + " takes " + table.numericColumns() + " numbers and "
                    + table.stringColumns() + " strings, got " + numbers.length + " and " + strings.length);
        }
    }

    /** The values of the key columns: rows with the same identity replace each other in ClickHouse. */
    public String identity() {
        StringBuilder identity = new StringBuilder(table.name());
        int number = 0;
        int string = 0;
        for (KpiTable.Column column : table.columns()) {
            boolean isString = column.kind() == KpiTable.Kind.STRING;
            if (column.key()) {
                identity.append('\u001f').append(isString ? strings[string] : Long.toString(numbers[number]));
            }
            if (isString) {
                string++;
            } else {
                number++;
            }
        }
        return identity.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KpiRow row && table == row.table && version == row.version
                && Arrays.equals(numbers, row.numbers) && Arrays.equals(strings, row.strings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, Arrays.hashCode(numbers), Arrays.hashCode(strings), version);
    }

    @Override
    public String toString() {
        return table + Arrays.toString(numbers) + Arrays.toString(strings) + " v" + version;
    }
}
