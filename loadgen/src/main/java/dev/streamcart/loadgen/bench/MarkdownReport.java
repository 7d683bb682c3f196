package dev.streamcart.loadgen.bench;

import java.util.Locale;
import java.util.Map;

/** report.md: the summary of every benchmark, then a section per benchmark with each run's figures. */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static String of(BenchResults results) {
        StringBuilder md = new StringBuilder();
        md.append(results.smoke() ? "# Benchmark smoke run (`./platform bench --smoke`)\n\n" : "# Benchmarks (`./platform bench`)\n\n");
        md.append(String.format(Locale.ROOT, "Commit **%s** on %d cores, %s to %s, %d run%s per benchmark, figures are the "
                        + "median over runs. 1-minute load average %s at the start, %s at the end.%s%n%n",
                results.commit(), results.cores(), results.started(), results.ended() == null ? "(running)" : results.ended(),
                results.runs(), results.runs() == 1 ? "" : "s", load(results.loadAverageStart()),
                load(results.loadAverageEnd()), results.smoke()
                        ? " A smoke run only proves that each benchmark works end to end: its figures are not worth quoting."
                        : ""));
        if (results.commit().endsWith("-dirty")) {
            md.append("The work tree differed from the commit: these figures come from uncommitted code.\n\n");
        }
        md.append("| benchmark | result | figures (median) |\n|---|---|---|\n");
        for (BenchmarkRecord benchmark : results.benchmarks()) {
            StringBuilder figures = new StringBuilder();
            benchmark.figures().forEach((name, value) -> figures.append(figures.length() == 0 ? "" : ", ")
                    .append('`').append(name).append("` ").append(number(value)));
            md.append("| [").append(benchmark.name()).append("](#").append(benchmark.name()).append(") | ")
                    .append(benchmark.passed() ? "passed" : "**FAILED**").append(" | ")
                    .append(figures.length() == 0 ? "-" : figures).append(" |\n");
        }
        for (BenchmarkRecord benchmark : results.benchmarks()) {
            md.append('\n').append(section(benchmark));
        }
        return md.toString();
    }

    static String section(BenchmarkRecord benchmark) {
        StringBuilder md = new StringBuilder("## ").append(benchmark.name()).append("\n\n");
        if (!benchmark.passed()) {
            md.append("**FAILED**\n\n");
            benchmark.failures().forEach(failure -> md.append("- ").append(failure).append('\n'));
            md.append('\n');
        }
        if (!benchmark.missingFigures().isEmpty()) {
            md.append("Required figures that no run produced: `").append(String.join("`, `", benchmark.missingFigures()))
                    .append("`.\n\n");
        }
        md.append("| figure | median |");
        benchmark.runs().forEach(run -> md.append(" run ").append(run.run()).append(" |"));
        md.append("\n|---|---:|");
        benchmark.runs().forEach(run -> md.append("---:|"));
        md.append('\n');
        for (Map.Entry<String, Double> figure : benchmark.figures().entrySet()) {
            md.append("| `").append(figure.getKey()).append("` | **").append(number(figure.getValue())).append("** |");
            for (RunRecord run : benchmark.runs()) {
                Double value = run.figures().get(figure.getKey());
                md.append(' ').append(value == null ? "-" : number(value)).append(" |");
            }
            md.append('\n');
        }
        md.append("| load average before / after | |");
        benchmark.runs().forEach(run -> md.append(' ').append(load(run.loadAverageBefore())).append(" / ")
                .append(load(run.loadAverageAfter())).append(" |"));
        md.append("\n| seconds | |");
        benchmark.runs().forEach(run -> md.append(String.format(Locale.ROOT, " %.0f |", run.seconds())));
        md.append("\n| exit code | |");
        benchmark.runs().forEach(run -> md.append(' ').append(run.exitCode()).append(" |"));
        md.append("\n| log | |");
        benchmark.runs().forEach(run -> md.append(" [").append(run.log()).append("](").append(run.log()).append(") |"));
        md.append("\n\nRun by `./platform bench` as:\n\n```\n").append(benchmark.command()).append("\n```\n");
        if (benchmark.benchmarkCommand() != null && !benchmark.benchmarkCommand().equals(benchmark.command())) {
            md.append("\nThe benchmark's own command line:\n\n```\n").append(benchmark.benchmarkCommand()).append("\n```\n");
        }
        if (!benchmark.notes().isEmpty()) {
            md.append("\nNotes (last run):\n\n");
            benchmark.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        if (!benchmark.charts().isEmpty()) {
            md.append('\n');
            benchmark.charts().forEach(chart -> md.append("![").append(chart).append("](").append(chart).append(")\n"));
        }
        return md.toString();
    }

    /** Figures vary from ratios to requests per second: three significant digits at least, thousands grouped. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String load(double value) {
        return value < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", value);
    }
}
