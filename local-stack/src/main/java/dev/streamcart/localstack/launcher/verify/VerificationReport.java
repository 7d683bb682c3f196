package dev.streamcart.localstack.launcher.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of comparing every derived view with PostgreSQL.
 *
 * @param productsChecked products seen (in the {@code inventory} table or in the stock read model)
 * @param productsInFlight of those, products changed too recently to compare (still on their way)
 * @param ordersChecked orders seen (in the {@code orders} table or in the order read model)
 * @param ordersInFlight of those, orders changed too recently to compare
 * @param mismatches the differences found among the settled ones: all of them up to a thousand per
 *     view (the first in id order), so a view that has not caught up at all still fits in memory
 * @param mismatchCount how many differences there are in all
 * @param cdcLagBytes WAL bytes the CDC replication slot has not confirmed yet; null without a slot
 * @param streamLagRecords records the Kafka Streams apps have not consumed yet; null when unknown
 */
public record VerificationReport(int productsChecked, int productsInFlight, int ordersChecked, int ordersInFlight,
        List<Mismatch> mismatches, int mismatchCount,
        @Nullable Long cdcLagBytes, @Nullable Long streamLagRecords) {

    /** How many mismatches the printed report lists. */
    public static final int LISTED = 10;

    public VerificationReport {
        mismatches = List.copyOf(Objects.requireNonNull(mismatches, "mismatches"));
        if (mismatchCount < mismatches.size()) {
            throw new IllegalArgumentException("mismatchCount " + mismatchCount + " < " + mismatches.size() + " listed");
        }
    }

    /** A report that holds every mismatch. */
    public VerificationReport(int productsChecked, int productsInFlight, int ordersChecked, int ordersInFlight,
            List<Mismatch> mismatches, @Nullable Long cdcLagBytes, @Nullable Long streamLagRecords) {
        this(productsChecked, productsInFlight, ordersChecked, ordersInFlight, mismatches, mismatches.size(),
                cdcLagBytes, streamLagRecords);
    }

    /** No settled key differs. */
    public boolean consistent() {
        return mismatchCount == 0;
    }

    /** Every key was compared: nothing was in flight, so {@link #consistent()} is exact. */
    public boolean complete() {
        return productsInFlight == 0 && ordersInFlight == 0;
    }

    /** The short report {@code ./platform verify} prints. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("products checked  " + productsChecked + " (stock-levels vs inventory)" + inFlight(productsInFlight));
        lines.add("orders checked    " + ordersChecked + " (order-views vs orders)" + inFlight(ordersInFlight));
        lines.add("CDC lag           " + (cdcLagBytes == null ? "no replication slot" : cdcLagBytes + " WAL bytes"));
        lines.add("stream lag        " + (streamLagRecords == null ? "unknown" : streamLagRecords + " records"));
        lines.add("mismatches        " + mismatchCount);
        mismatches.stream().limit(LISTED).forEach(mismatch -> lines.add("  " + mismatch));
        if (mismatchCount > LISTED) {
            lines.add("  ... and " + (mismatchCount - LISTED) + " more");
        }
        if (!consistent()) {
            lines.add("MISMATCH: derived views differ from PostgreSQL");
        } else if (complete()) {
            lines.add("OK: every derived view matches PostgreSQL");
        } else {
            lines.add("OK: every settled entry matches PostgreSQL (entries changed in the last seconds are still in flight)");
        }
        return lines;
    }

    private static String inFlight(int count) {
        return count == 0 ? "" : ", " + count + " in flight, not compared";
    }
}
