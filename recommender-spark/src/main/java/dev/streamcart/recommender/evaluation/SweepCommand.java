package dev.streamcart.recommender.evaluation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.models.ModelsCommand;
import dev.streamcart.recommender.training.AlsParameters;
import dev.streamcart.recommender.training.InteractionData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A small grid search: every combination of the given ranks, regularisations, alphas and
 * iteration counts is fitted on the same hold-out split and scored; the results table, best NDCG@k
 * first with the baselines for reference, is printed and written as Markdown. Nothing is published.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Evaluate a grid of ALS parameters on one hold-out and print a table sorted by NDCG@k.")
public final class SweepCommand extends ModelsCommand {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Mixin
    private InteractionData data;

    @Mixin
    private EvaluationOptions evaluation;

    @Mixin
    private SweepGrid grid;

    @Option(names = "--output", description = "Markdown file of the results (default: <models-dir>/sweeps/sweep-<UTC time>.md)")
    private @Nullable Path output;

    /** One row of the results table: an ALS configuration, or a reference model without parameters. */
    public record Result(String model, @Nullable AlsParameters parameters, RankingMetrics metrics, double seconds) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter progress = err();
        List<AlsParameters> parameters = grid.parameters();
        long seed = grid.seed();
        InteractionData.Survey survey = data.survey(progress);
        if (survey.empty()) {
            progress.println("no interactions to sweep on");
            return 2;
        }
        Map<Integer, Long> categories = data.categories();
        SparkSession spark = data.startSpark(progress, sparkScratch());
        try {
            Dataset<Row> events = data.events(spark, survey);
            InteractionEvents.Summary summary = InteractionEvents.summarize(events);
            Optional<HoldOutSplit> split = summary.total() == 0 ? Optional.empty()
                    : HoldOutSplit.of(events, summary, evaluation.holdOut(), data.weighting(), evaluation.k(),
                            evaluation.evalUsers(), seed);
            if (split.isEmpty()) {
                progress.println("the data cannot be split at " + evaluation.holdOut().describe());
                return 1;
            }
            try (HoldOutSplit holdOut = split.get()) {
                List<Result> results = run(holdOut, parameters, holdOut.baselines(categories), progress);
                String table = table(results, evaluation.k());
                out.print(table);
                Path file = output != null ? output
                        : models().store().folder().resolve("sweeps").resolve("sweep-" + STAMP.format(Instant.now()) + ".md");
                Files.createDirectories(file.toAbsolutePath().getParent());
                HoldOutSplit.Description described = holdOut.description();
                Files.writeString(file, "# Parameter sweep\n\nData " + described.from() + " .. " + described.to()
                        + ", held out: " + described.holdOut() + " (from " + described.cutoff() + "), "
                        + described.evaluatedUsers() + " users evaluated, seed " + seed + ".\n\n" + table,
                        StandardCharsets.UTF_8);
                out.println("written to " + file);
            }
            events.unpersist();
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * Fits and scores every parameter set on the split, scores the reference models (baselines,
     * an oracle), and returns all of them best NDCG first.
     */
    public static List<Result> run(HoldOutSplit holdOut, List<AlsParameters> grid, Map<String, Recommender> references,
            PrintWriter progress) {
        List<Result> results = new ArrayList<>();
        int done = 0;
        for (AlsParameters parameters : grid) {
            progress.printf("[%d/%d] rank %d, regParam %s, alpha %s, %d iterations, logEpsilon %s%n", ++done, grid.size(),
                    parameters.rank(), parameters.regParam(), parameters.alpha(), parameters.iterations(),
                    parameters.logEpsilon());
            progress.flush();
            long started = System.nanoTime();
            RankingMetrics metrics = holdOut.evaluate(holdOut.fitAls(parameters));
            results.add(new Result(HoldOutSplit.ALS, parameters, metrics, (System.nanoTime() - started) / 1e9));
            progress.printf("  ndcg %.4f  coverage %.4f%n", metrics.ndcg(), metrics.coverage());
            progress.flush();
        }
        references.forEach((name, reference) -> results.add(new Result(name, null, holdOut.evaluate(reference), 0)));
        results.sort(Comparator.comparingDouble((Result result) -> -result.metrics().ndcg()));
        return results;
    }

    /** The results as a Markdown table, in the given order. */
    public static String table(List<Result> results, int k) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "| model | rank | regParam | alpha | iterations | logEpsilon | ndcg@%d | precision@%d | recall@%d"
                + " | map@%d | coverage@%d | fit+score s |%n", k, k, k, k, k));
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result result : results) {
            AlsParameters p = result.parameters();
            RankingMetrics m = result.metrics();
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %s |%n",
                    result.model(), p == null ? "" : p.rank(), p == null ? "" : p.regParam(), p == null ? "" : p.alpha(),
                    p == null ? "" : p.iterations(), p == null ? "" : p.logEpsilon(), m.ndcg(), m.precision(), m.recall(), m.map(), m.coverage(),
                    p == null ? "" : String.format(Locale.ROOT, "%.1f", result.seconds())));
        }
        return table.toString();
    }
}
