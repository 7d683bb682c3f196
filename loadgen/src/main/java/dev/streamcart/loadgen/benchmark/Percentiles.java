package dev.streamcart.loadgen.benchmark;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a set of samples (milliseconds). */
record Percentiles(int count, double p50, double p90, double p99, double max, double mean) {

    /** Of no samples at all: a count of 0, and every figure NaN. */
    static Percentiles none() {
        return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    static Percentiles of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow());
    }

    /** The smallest sample with at least {@code quantile} of all samples at or below it. */
    static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
