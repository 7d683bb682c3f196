package dev.streamcart.loadgen.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.bench.BenchmarkResult;
import org.jspecify.annotations.Nullable;

/**
 * Runs the selected benchmarks one at a time, each run as its own JVM on a fresh data folder, and
 * rewrites results.json, report.md and the charts after each benchmark, so a bench that is stopped
 * halfway still leaves a report of what it finished.
 */
final class BenchRun {

    /** What one bench is asked to do. */
    record Settings(Path repository, Path out, boolean smoke, int runs, @Nullable Duration timeout) {}

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration SMOKE_TIMEOUT = Duration.ofMinutes(20);

    private final Settings settings;
    private final ChildRunner runner;
    private final PrintStream console;
    private final String commit;
    private final Instant started = now();
    private final double loadAtStart = MachineState.loadAverage();
    private final List<BenchmarkRecord> done = new ArrayList<>();
    private @Nullable Double backgroundRate;

    BenchRun(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
        this.commit = MachineState.commit(settings.repository());
        this.runner = new ChildRunner(settings.repository(),
                Map.of("PLATFORM_HOME", settings.repository().toString()), console);
    }

    /** Runs them all; returns the results, also written into the report folder. */
    BenchResults run(List<BenchmarkDefinition> benchmarks) throws IOException, InterruptedException {
        prepareOut();
        console.printf(Locale.ROOT, "[bench] commit %s, %d cores, load average %.2f; %s: %s, %d run(s) each; report in %s%n",
                commit, MachineState.cores(), loadAtStart, settings.smoke() ? "smoke" : "full",
                String.join(", ", benchmarks.stream().map(BenchmarkDefinition::name).toList()), settings.runs(),
                settings.out());
        for (BenchmarkDefinition benchmark : benchmarks) {
            BenchmarkRecord record = runAll(benchmark);
            done.add(record);
            if (record.name().equals(BenchmarkRegistry.CHECKOUT)) {
                Double throughput = record.figures().get(BenchmarkRegistry.CHECKOUT_THROUGHPUT);
                backgroundRate = throughput == null ? null : throughput / 2;
            }
            write(null);
        }
        return write(now());
    }

    private BenchmarkRecord runAll(BenchmarkDefinition benchmark) throws IOException, InterruptedException {
        List<RunRecord> runs = new ArrayList<>();
        Map<Integer, BenchmarkResult> results = new LinkedHashMap<>();
        @Nullable String firstCommand = null;
        for (int run = 1; run <= settings.runs(); run++) {
            String id = benchmark.name() + "-" + run;
            String prefix = "[" + benchmark.name() + (settings.runs() > 1 ? " " + run + "/" + settings.runs() : "") + "]";
            Path data = Path.of("loadgen", "target", "bench-data", id);
            Path resultFile = settings.out().resolve("runs").resolve(id + ".json");
            Path log = settings.out().resolve("logs").resolve(id + ".log");
            List<String> arguments = arguments(benchmark, resultFile, data);
            String shown = display(benchmark, arguments);
            firstCommand = firstCommand == null ? shown : firstCommand;
            console.println(prefix + " [bench] " + shown);
            Files.deleteIfExists(resultFile);
            Instant runStarted = now();
            double loadBefore = MachineState.loadAverage();
            ChildRunner.Outcome outcome;
            @Nullable String failure = null;
            try {
                Folders.emptied(settings.repository().resolve(data));
                List<String> command = new ArrayList<>(List.of(JAVA));
                command.addAll(benchmark.jvmOptions());
                command.addAll(List.of("-cp", benchmark.classpath().resolve(settings.repository()), benchmark.mainClass()));
                command.addAll(arguments);
                outcome = runner.run(command, settings.repository().resolve(log), prefix, timeout(benchmark));
            } catch (IOException e) {
                outcome = new ChildRunner.Outcome(-1, false, 0, null, 0);
                failure = "could not start: " + e.getMessage();
            }
            double loadAfter = MachineState.loadAverage();
            @Nullable BenchmarkResult result = null;
            @Nullable BenchmarkResult failedRunFigures = null;
            if (failure == null) {
                if (outcome.timedOut()) {
                    failure = "timed out after " + timeout(benchmark) + " (stopped with everything it started)";
                } else if (outcome.exitCode() != 0) {
                    failure = "exit code " + outcome.exitCode() + (outcome.lastError() == null ? "" : ": " + outcome.lastError());
                    failedRunFigures = figuresOfAFailedRun(settings.repository().resolve(resultFile));
                } else if (!Files.isRegularFile(settings.repository().resolve(resultFile))) {
                    failure = "exit code 0 but no result file (" + resultFile + "): does it take --results yet?";
                } else {
                    try {
                        result = BenchmarkResult.read(settings.repository().resolve(resultFile));
                        List<String> missing = Aggregation.missing(benchmark.requiredFigures(), result.figures());
                        if (!missing.isEmpty()) {
                            failure = "required figures missing: " + String.join(", ", missing);
                        }
                    } catch (IOException | RuntimeException e) {
                        failure = "unreadable result file " + resultFile + ": " + e.getMessage();
                    }
                }
            }
            if (result != null) {
                results.put(run, result);
            }
            // a run that exits 1 after measuring (a budget missed) still shows its figures, never in a median
            @Nullable BenchmarkResult recorded = result != null ? result : failedRunFigures;
            RunRecord record = new RunRecord(run, failure == null, failure, outcome.exitCode(), iso(runStarted), iso(now()),
                    outcome.seconds(), loadBefore, loadAfter, recorded == null ? Map.of() : recorded.figures(),
                    recorded == null ? List.of() : recorded.notes(), shown, recorded == null ? null : recorded.command(),
                    settings.out().relativize(log).toString());
            runs.add(record);
            console.printf(Locale.ROOT, "%s [bench] %s in %.0f s, load average %.2f -> %.2f%s%n", prefix,
                    failure == null ? "passed" : "FAILED", outcome.seconds(), loadBefore, loadAfter,
                    failure == null ? "" : ": " + failure);
            if (failure == null) {
                Folders.delete(settings.repository().resolve(data));
            } else {
                console.println(prefix + " [bench] its data stays in " + data + " and its output in " + log);
            }
            if (outcome.timedOut()) {
                break; // a benchmark that hangs once would most likely hang again: spare the machine the wait
            }
        }
        BenchmarkRecord record = Aggregation.summarize(benchmark, runs, firstCommand == null ? "" : firstCommand);
        return record.withCharts(BenchCharts.write(settings.repository().resolve(settings.out()), record, results));
    }

    private List<String> arguments(BenchmarkDefinition benchmark, Path resultFile, Path data) {
        List<String> arguments = new ArrayList<>(List.of("--results", resultFile.toString(), "--data", data.toString()));
        if (settings.smoke()) {
            arguments.add("--smoke");
        }
        if (benchmark.takesBackgroundRate() && backgroundRate != null) {
            arguments.addAll(List.of("--background-orders-per-second", String.format(Locale.ROOT, "%.1f", backgroundRate)));
        }
        return arguments;
    }

    private static String display(BenchmarkDefinition benchmark, List<String> arguments) {
        return "java " + String.join(" ", benchmark.jvmOptions()) + " -cp " + benchmark.classpath().display() + " "
                + benchmark.mainClass() + " " + String.join(" ", arguments);
    }

    private static @Nullable BenchmarkResult figuresOfAFailedRun(Path resultFile) {
        if (!Files.isRegularFile(resultFile)) {
            return null;
        }
        try {
            return BenchmarkResult.read(resultFile);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Duration timeout(BenchmarkDefinition benchmark) {
        if (settings.timeout() != null) {
            return settings.timeout();
        }
        return settings.smoke() ? SMOKE_TIMEOUT : benchmark.timeout();
    }

    /** Clears what an earlier bench wrote into the report folder, and nothing else. */
    private void prepareOut() throws IOException {
        Path out = settings.repository().resolve(settings.out());
        Files.createDirectories(out);
        Folders.delete(out.resolve("logs"));
        Folders.delete(out.resolve("runs"));
        Files.deleteIfExists(out.resolve("results.json"));
        Files.deleteIfExists(out.resolve("report.md"));
        for (String name : BenchmarkRegistry.names()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(out, name + "-*.png")) {
                for (Path file : files) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(out.resolve("logs"));
        Files.createDirectories(out.resolve("runs"));
    }

    private BenchResults write(@Nullable Instant ended) throws IOException {
        boolean passed = done.stream().allMatch(BenchmarkRecord::passed);
        BenchResults results = new BenchResults(commit, MachineState.cores(), iso(started), ended == null ? null : iso(ended),
                loadAtStart, MachineState.loadAverage(), settings.smoke(), settings.runs(), passed, done);
        Path out = settings.repository().resolve(settings.out());
        results.write(out.resolve("results.json"));
        Files.writeString(out.resolve("report.md"), MarkdownReport.of(results));
        return results;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String iso(Instant instant) {
        return instant.toString();
    }
}
