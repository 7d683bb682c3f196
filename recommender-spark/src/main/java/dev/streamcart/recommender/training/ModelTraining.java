package dev.streamcart.recommender.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.recommender.evaluation.Cooccurrence;
import dev.streamcart.recommender.evaluation.Evaluation;
import dev.streamcart.recommender.evaluation.HoldOut;
import dev.streamcart.recommender.evaluation.HoldOutSplit;
import dev.streamcart.recommender.evaluation.InteractionTable;
import dev.streamcart.recommender.evaluation.RankingMetrics;
import dev.streamcart.recommender.evaluation.Recommender;
import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.interactions.Signal;
import dev.streamcart.recommender.interactions.Weighting;
import dev.streamcart.recommender.models.ModelDescription;
import dev.streamcart.recommender.models.ModelFolderWriter;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.report.ReportWriter;
import dev.streamcart.recommender.report.RunReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;

/**
 * One training run on events already read (rows of {@link InteractionEvents#SCHEMA}): evaluate the
 * parameters on a time-based hold-out against the three baselines, fit ALS on all the events,
 * count co-occurrences, and write the version folder with its report. The CLI's {@code train} and
 * the training benchmark both run this.
 */
public final class ModelTraining {

    /** Co-occurring products kept per product in {@code cooccurrence.tsv}. */
    public static final int COOCCURRENCE_NEIGHBOURS = HoldOutSplit.NEIGHBOURS;

    /** The timing of the published model's ALS fit, as {@code trainingSeconds} in model.json. */
    public static final String FIT_ALL_EVENTS = "ALS fit (all events)";

    private ModelTraining() {}

    /**
     * @param categories product id to category id, for the favourite-categories baseline
     * @param evaluate   false skips the hold-out evaluation (the report then says so)
     */
    public record Plan(AlsParameters parameters, Weighting weighting, HoldOut holdOut, int k, int evalUsers,
            Map<Integer, Long> categories, boolean evaluate) {

        public Plan {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(weighting, "weighting");
            Objects.requireNonNull(holdOut, "holdOut");
            categories = Map.copyOf(categories);
        }
    }

    /**
     * A written version. {@code split} stays open (its training side cached) for a comparison with
     * the current model; the caller closes it.
     */
    public record Outcome(String version, Path folder, ModelDescription description, @Nullable HoldOutSplit split,
            @Nullable Evaluation evaluation, Map<String, Double> timings) implements AutoCloseable {

        @Override
        public void close() {
            if (split != null) {
                split.close();
            }
        }
    }

    /** The written version, or empty when the events hold nothing to train on. */
    public static Optional<Outcome> run(Dataset<Row> events, Plan plan, ModelStore store, Instant startedAt,
            PrintWriter progress) throws IOException {
        Map<String, Double> timings = new LinkedHashMap<>();
        Stopwatch watch = new Stopwatch();
        InteractionEvents.Summary summary = InteractionEvents.summarize(events);
        timings.put("read events", watch.lap());
        progress.printf("read %d purchased order lines, %d product views, %d cart adds of known users, %s .. %s%n",
                summary.count(Signal.PURCHASE), summary.count(Signal.VIEW), summary.count(Signal.CART_ADD),
                summary.from(), summary.to());
        progress.flush();
        if (summary.total() == 0) {
            return Optional.empty();
        }

        HoldOutSplit split = null;
        Evaluation evaluation = null;
        String noEvaluation = "disabled (--no-evaluate)";
        if (plan.evaluate()) {
            progress.println("evaluating on a hold-out (" + plan.holdOut().describe() + ")");
            progress.flush();
            split = HoldOutSplit.of(events, summary, plan.holdOut(), plan.weighting(), plan.k(), plan.evalUsers(),
                    plan.parameters().seed()).orElse(null);
            timings.put("hold-out split", watch.lap());
            if (split == null) {
                noEvaluation = "the data cannot be split at " + plan.holdOut().describe()
                        + " (one side empty, or no user with new items on both sides)";
                progress.println("not evaluated: " + noEvaluation);
            } else {
                evaluation = evaluate(split, plan, timings, watch, progress);
            }
        }

        progress.println("training implicit ALS on all the events: rank " + plan.parameters().rank() + ", regParam "
                + plan.parameters().regParam() + ", alpha " + plan.parameters().alpha() + ", "
                + plan.parameters().iterations() + " iterations, seed " + plan.parameters().seed()
                + (plan.parameters().logScaled() ? ", log-scaled weights (epsilon " + plan.parameters().logEpsilon() + ")" : ""));
        progress.flush();
        Dataset<Row> byUserAndItem = InteractionEvents.weigh(events, summary, plan.weighting()).byUserAndItem()
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            InteractionTable table = InteractionTable.collect(byUserAndItem);
            timings.put("weigh and collect interactions", watch.lap());
            progress.printf("%d user-item pairs, %d users, %d items%n", table.interactions(), table.users(), table.items());
            ImplicitAlsTrainer.TrainedModel trained = ImplicitAlsTrainer.train(byUserAndItem, table.interactions(), plan.parameters());
            double trainingSeconds = watch.lap();
            timings.put(FIT_ALL_EVENTS, trainingSeconds);
            progress.printf("trained in %.1f s%n", trainingSeconds);
            progress.flush();
            Cooccurrence cooccurrence = Cooccurrence.of(table, COOCCURRENCE_NEIGHBOURS);
            timings.put("co-occurrence top " + COOCCURRENCE_NEIGHBOURS, watch.lap());

            String version = store.newVersionName(startedAt);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("trainingSeconds", trainingSeconds);
            metrics.put("density", (double) table.interactions() / ((double) table.users() * table.items()));
            metrics.put("meanItemsPerUser", (double) table.interactions() / table.users());
            if (evaluation != null) {
                metrics.putAll(evaluation.asMetrics());
            }
            AlsParameters parameters = plan.parameters();
            ModelDescription description = new ModelDescription(version, startedAt.toString(), ModelDescription.ALGORITHM,
                    parameters.rank(), parameters.regParam(), parameters.alpha(), parameters.iterations(), parameters.seed(),
                    new ModelDescription.TrainedOn(table.interactions(), table.users(), table.items(),
                            summary.from().toString(), summary.to().toString(), summary.count(Signal.PURCHASE),
                            summary.count(Signal.VIEW), summary.count(Signal.CART_ADD)),
                    metrics, parameters.logEpsilon());
            RunReport report = new RunReport("training run", description, evaluation, noEvaluation, timings);
            Path folder = ModelFolderWriter.write(store, description, trained.userFactors(), trained.itemFactors(),
                    trained.popularItems(), cooccurrence, into -> ReportWriter.write(into, report));
            timings.put("write model folder", watch.lap());
            return Optional.of(new Outcome(version, folder, description, split, evaluation, timings));
        } catch (IOException | RuntimeException e) {
            if (split != null) {
                split.close();
            }
            throw e;
        } finally {
            byUserAndItem.unpersist();
        }
    }

    /** ALS with the plan's parameters and each baseline on the split, printing each result. */
    static Evaluation evaluate(HoldOutSplit split, Plan plan, Map<String, Double> timings, Stopwatch watch,
            PrintWriter progress) {
        HoldOutSplit.Description described = split.description();
        progress.printf("hold-out from %s: %d training pairs, %d held-out pairs, %d users evaluated%n",
                described.cutoff(), described.trainInteractions(), described.heldOutInteractions(), described.evaluatedUsers());
        progress.flush();
        Map<String, RankingMetrics> results = new LinkedHashMap<>();
        Recommender als = split.fitAls(plan.parameters());
        timings.put("ALS fit (training side of the hold-out)", watch.lap());
        results.put(HoldOutSplit.ALS, split.evaluate(als));
        progress.println(line(HoldOutSplit.ALS, results.get(HoldOutSplit.ALS), plan.k()));
        split.baselines(plan.categories()).forEach((name, baseline) -> {
            results.put(name, split.evaluate(baseline));
            progress.println(line(name, results.get(name), plan.k()));
        });
        progress.flush();
        timings.put("scoring ALS and baselines", watch.lap());
        return new Evaluation(described, results);
    }

    static String line(String model, RankingMetrics metrics, int k) {
        return String.format(Locale.ROOT, "  %-20s precision@%d %.4f  recall@%d %.4f  ndcg@%d %.4f  map@%d %.4f  coverage %.4f",
                model, k, metrics.precision(), k, metrics.recall(), k, metrics.ndcg(), k, metrics.map(), metrics.coverage());
    }

    /** Seconds between laps. */
    static final class Stopwatch {
        private long last = System.nanoTime();

        double lap() {
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            last = now;
            return seconds;
        }
    }
}
