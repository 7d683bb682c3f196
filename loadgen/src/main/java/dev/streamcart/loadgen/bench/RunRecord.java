package dev.streamcart.loadgen.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One run of one benchmark, as results.json keeps it.
 *
 * @param run 1, 2, 3...
 * @param passed whether it exited 0 and wrote every required figure
 * @param failure why it did not pass (null when it passed)
 * @param exitCode its exit code, -1 when it was stopped
 * @param started when it started (ISO-8601, UTC)
 * @param ended when it ended
 * @param seconds how long it ran
 * @param loadAverageBefore the machine's 1-minute load average just before
 * @param loadAverageAfter and just after
 * @param figures what it measured, in the order it wrote them
 * @param notes its notes
 * @param command the command the orchestrator ran
 * @param benchmarkCommand the command line the benchmark says reproduces the run (null without a result)
 * @param log its output, relative to the report folder
 */
public record RunRecord(int run, boolean passed, @Nullable String failure, int exitCode, String started, String ended,
                        double seconds, double loadAverageBefore, double loadAverageAfter, Map<String, Double> figures,
                        List<String> notes, String command, @Nullable String benchmarkCommand, String log) {

    public RunRecord {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(figures, "figures")));
        notes = List.copyOf(notes);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(log, "log");
    }
}
