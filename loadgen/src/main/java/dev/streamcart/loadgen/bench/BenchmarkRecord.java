package dev.streamcart.loadgen.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One benchmark over all its runs, as results.json keeps it.
 *
 * @param name its registry name
 * @param passed whether every run passed
 * @param failures why not, one line per failed run
 * @param figures the median over runs of each figure, under its stable name
 * @param requiredFigures what the registry requires of it
 * @param missingFigures required figures no run produced
 * @param runs every run
 * @param command the command of its first run (the runs differ only in their file names)
 * @param benchmarkCommand the command line its last successful run says reproduces it
 * @param notes the notes of its last successful run
 * @param charts its PNG files, relative to the report folder
 */
public record BenchmarkRecord(String name, boolean passed, List<String> failures, Map<String, Double> figures,
                              List<String> requiredFigures, List<String> missingFigures, List<RunRecord> runs,
                              String command, @Nullable String benchmarkCommand, List<String> notes, List<String> charts) {

    public BenchmarkRecord {
        Objects.requireNonNull(name, "name");
        failures = List.copyOf(failures);
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(figures, "figures")));
        requiredFigures = List.copyOf(requiredFigures);
        missingFigures = List.copyOf(missingFigures);
        runs = List.copyOf(runs);
        Objects.requireNonNull(command, "command");
        notes = List.copyOf(notes);
        charts = List.copyOf(charts);
    }

    /** This record with its chart files. */
    public BenchmarkRecord withCharts(List<String> files) {
        return new BenchmarkRecord(name, passed, failures, figures, requiredFigures, missingFigures, runs, command,
                benchmarkCommand, notes, files);
    }
}
