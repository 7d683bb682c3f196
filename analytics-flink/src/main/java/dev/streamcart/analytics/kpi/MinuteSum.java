package dev.streamcart.analytics.kpi;

import org.jspecify.annotations.Nullable;

/**
 * The running sum of one row's facts in one window: a mutable Flink POJO (public fields, no-arg
 * constructor) because it is updated in place for every fact.
 */
public final class MinuteSum {

    public @Nullable KpiTable table;
    public long[] keyNumbers = new long[0];
    public String[] keyStrings = new String[0];
    public long[] measures = new long[0];
    /** How many facts were added: the row's version. */
    public long facts;

    public MinuteSum() {}

    void add(MinuteFact fact) {
        if (table == null) {
            table = fact.table();
            keyNumbers = fact.keyNumbers();
            keyStrings = fact.keyStrings();
            measures = new long[fact.measures().length];
        }
        for (int i = 0; i < measures.length; i++) {
            measures[i] = Math.addExact(measures[i], fact.measures()[i]);
        }
        facts++;
    }

    void addAll(MinuteSum other) {
        if (other.table == null) {
            return;
        }
        if (table == null) {
            table = other.table;
            keyNumbers = other.keyNumbers;
            keyStrings = other.keyStrings;
            measures = new long[other.measures.length];
        }
        for (int i = 0; i < measures.length; i++) {
            measures[i] = Math.addExact(measures[i], other.measures[i]);
        }
        facts += other.facts;
    }

    /** The row of this sum for the minute starting at {@code minuteEpochSecond}. */
    KpiRow row(long minuteEpochSecond) {
        if (table == null) {
            throw new IllegalStateException("an empty sum has no row");
        }
        long[] numbers = new long[1 + keyNumbers.length + measures.length];
        numbers[0] = minuteEpochSecond;
        System.arraycopy(keyNumbers, 0, numbers, 1, keyNumbers.length);
        System.arraycopy(measures, 0, numbers, 1 + keyNumbers.length, measures.length);
        return new KpiRow(table, numbers, keyStrings.clone(), facts);
    }
}
