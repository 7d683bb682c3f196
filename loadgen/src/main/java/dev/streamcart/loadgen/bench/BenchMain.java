package dev.streamcart.loadgen.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.streamcart.localstack.launcher.PlatformLayout;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./platform bench}: every benchmark of {@link BenchmarkRegistry}, one at a time, each run
 * as its own JVM on a fresh data folder, the median of each figure over the runs, and a report
 * (results.json, report.md, PNG charts). With {@code --smoke}, one short run each, which must exit
 * 0 and produce every required figure: what {@code ./platform test} runs, so that a benchmark that
 * breaks fails CI.
 *
 * <p>Exit codes: 0 every benchmark passed, 1 one or more failed (all the others still ran),
 * 2 bad options (an unknown benchmark name).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs every benchmark and writes a report (results.json, report.md, charts).")
public final class BenchMain implements Callable<Integer> {

    static final int BAD_OPTIONS = 2;

    @Option(names = "--smoke", description = "one short run per benchmark that only proves it works and produces its figures")
    boolean smoke;

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "only these benchmarks (comma-separated)")
    List<String> only = new ArrayList<>();

    @Option(names = "--runs", description = "runs per benchmark, the report gives the median (default 3, 1 with --smoke)")
    @Nullable Integer runs;

    @Option(names = "--out", description = "report folder (default bench-report, or loadgen/target/bench-smoke with --smoke)")
    @Nullable Path out;

    @Option(names = "--timeout", description = "longest time of one run, ISO-8601 such as PT20M (default 30 min, 10 min with --smoke)")
    @Nullable Duration timeout;

    @Option(names = "--list", description = "print the benchmarks and their required figures, run nothing")
    boolean list;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (list) {
            BenchmarkRegistry.all().forEach(b -> System.out.printf(Locale.ROOT, "%-20s %s%n", b.name(),
                    String.join(", ", b.requiredFigures())));
            return 0;
        }
        List<BenchmarkDefinition> selected;
        try {
            selected = BenchmarkRegistry.select(only);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return BAD_OPTIONS;
        }
        int runCount = runs != null ? runs : smoke ? 1 : 3;
        if (runCount < 1) {
            System.err.println("bench: --runs must be at least 1");
            return BAD_OPTIONS;
        }
        Path repository = PlatformLayout.fromEnvironment().repository();
        Path folder = out != null ? out : Path.of(smoke ? "loadgen/target/bench-smoke" : "bench-report");
        Path absolute = repository.resolve(folder).toAbsolutePath().normalize();
        Path shown = absolute.startsWith(repository) ? repository.relativize(absolute) : absolute;
        BenchResults results = new BenchRun(new BenchRun.Settings(repository, shown, smoke, runCount, timeout), System.out)
                .run(selected);
        System.out.println();
        for (BenchmarkRecord benchmark : results.benchmarks()) {
            System.out.printf(Locale.ROOT, "[bench] %-20s %s%n", benchmark.name(), benchmark.passed() ? "passed"
                    : "FAILED: " + String.join("; ", benchmark.failures()));
            if (!benchmark.missingFigures().isEmpty()) {
                System.out.printf(Locale.ROOT, "[bench] %-20s missing figures: %s%n", "",
                        String.join(", ", benchmark.missingFigures()));
            }
        }
        long failed = results.benchmarks().stream().filter(b -> !b.passed()).count();
        System.out.printf(Locale.ROOT, "[bench] %d of %d benchmark(s) passed; report: %s%n",
                results.benchmarks().size() - failed, results.benchmarks().size(), shown.resolve("report.md"));
        return failed == 0 ? 0 : 1;
    }
}
