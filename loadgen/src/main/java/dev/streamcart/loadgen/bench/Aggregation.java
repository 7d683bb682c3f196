package dev.streamcart.loadgen.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** From runs to a benchmark's figures: the median of each figure over the runs that produced it. */
public final class Aggregation {

    private Aggregation() {}

    /** The median; of an even count, the mean of the middle two. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The required figures that are absent or not finite, in the registry's order. */
    public static List<String> missing(List<String> required, Map<String, Double> figures) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            Double value = figures.get(name);
            if (value == null || !Double.isFinite(value)) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The benchmark over its runs. */
    public static BenchmarkRecord summarize(BenchmarkDefinition definition, List<RunRecord> runs, String command) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            run.figures().forEach((name, value) -> values.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        values.forEach((name, list) -> medians.put(name, median(list)));
        List<String> failures = new ArrayList<>();
        for (RunRecord run : runs) {
            if (!run.passed()) {
                failures.add("run " + run.run() + ": " + run.failure());
            }
        }
        if (runs.isEmpty()) {
            failures.add("it did not run");
        }
        @Nullable RunRecord last = null;
        for (RunRecord run : runs) {
            if (run.benchmarkCommand() != null) {
                last = run;
            }
        }
        return new BenchmarkRecord(definition.name(), failures.isEmpty(), failures, medians, definition.requiredFigures(),
                missing(definition.requiredFigures(), medians), runs, command, last == null ? null : last.benchmarkCommand(),
                last == null ? List.of() : last.notes(), List.of());
    }
}
