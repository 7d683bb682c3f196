package dev.streamcart.recommender.evaluation;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.models.ModelDescription;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.models.ModelsCommand;
import dev.streamcart.recommender.report.ReportWriter;
import dev.streamcart.recommender.report.RunReport;
import dev.streamcart.recommender.training.AlsParameters;
import dev.streamcart.recommender.training.InteractionData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Re-evaluates a version's parameters on the current data: the same hold-out as {@code train}
 * (its parameters refitted on the training side, since its saved factors may have seen the held-out
 * period), the three baselines next to it; the version's {@code report.md}, {@code metrics.png} and
 * model.json {@code metrics} are replaced. Exit 2 when there is no data, 1 when it cannot be split.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Re-evaluate a model version's parameters on current data (default: the current version) and rewrite its report.")
public final class EvaluateCommand extends ModelsCommand {

    @Mixin
    private InteractionData data;

    @Mixin
    private EvaluationOptions evaluation;

    @Parameters(arity = "0..1", paramLabel = "VERSION", description = "version to evaluate (default: CURRENT, else the newest)")
    private @Nullable String version;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter progress = err();
        ModelStore store = models().store();
        Optional<String> chosen = Optional.ofNullable(version).or(store::current).or(store::newestComplete);
        if (chosen.isEmpty()) {
            progress.println("no complete model version in " + store.folder() + ": run 'train' first");
            return 1;
        }
        String evaluated = chosen.get();
        if (!store.isComplete(evaluated)) {
            progress.println("model version " + evaluated + " does not exist or is incomplete in " + store.folder());
            return 1;
        }
        ModelDescription model = store.description(evaluated);
        AlsParameters parameters = model.parameters();
        InteractionData.Survey survey = data.survey(progress);
        if (survey.empty()) {
            progress.println("no interactions to evaluate on");
            return 2;
        }
        Map<Integer, Long> categories = data.categories();
        SparkSession spark = data.startSpark(progress, sparkScratch());
        try {
            long started = System.nanoTime();
            Dataset<Row> events = data.events(spark, survey);
            InteractionEvents.Summary summary = InteractionEvents.summarize(events);
            if (summary.total() == 0) {
                progress.println("no interactions to evaluate on in the window " + data.window());
                return 2;
            }
            progress.println("evaluating " + evaluated + "'s parameters on a hold-out (" + evaluation.holdOut().describe() + ")");
            progress.flush();
            Optional<HoldOutSplit> split = HoldOutSplit.of(events, summary, evaluation.holdOut(), data.weighting(),
                    evaluation.k(), evaluation.evalUsers(), parameters.seed());
            if (split.isEmpty()) {
                progress.println("the data cannot be split at " + evaluation.holdOut().describe()
                        + " (one side empty, or no user with new items on both sides)");
                return 1;
            }
            try (HoldOutSplit holdOut = split.get()) {
                Evaluation result = holdOut.evaluateAll(parameters, categories);
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, Double> metrics = new LinkedHashMap<>();
                // what the training run measured about itself stays; the evaluation figures are replaced
                model.metrics().forEach((name, value) -> {
                    if (name.equals("trainingSeconds") || name.equals("density") || name.equals("meanItemsPerUser")) {
                        metrics.put(name, value);
                    }
                });
                metrics.putAll(result.asMetrics());
                ModelDescription updated = store.replaceMetrics(evaluated, metrics);
                ReportWriter.write(store.versionFolder(evaluated), new RunReport(
                        "re-evaluation on the data of " + summary.from() + " .. " + summary.to(), updated, result, null,
                        Map.of("read, split, refit and score", seconds)));
                result.byModel().forEach((name, figures) -> out.println(line(name, figures, evaluation.k())));
                out.println("report: " + store.versionFolder(evaluated).resolve(ReportWriter.REPORT));
            }
            events.unpersist();
            return 0;
        } finally {
            spark.stop();
        }
    }

    static String line(String model, RankingMetrics metrics, int k) {
        return String.format(Locale.ROOT, "%-20s precision@%d %.4f  recall@%d %.4f  ndcg@%d %.4f  map@%d %.4f  coverage %.4f",
                model, k, metrics.precision(), k, metrics.recall(), k, metrics.ndcg(), k, metrics.map(), metrics.coverage());
    }
}
