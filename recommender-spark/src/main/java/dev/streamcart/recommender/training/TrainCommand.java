package dev.streamcart.recommender.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import dev.streamcart.recommender.evaluation.EvaluationOptions;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.models.ModelsCommand;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains implicit ALS on the purchases in PostgreSQL and the product views and cart adds of the
 * clickstream topic, evaluates the parameters on a time-based hold-out against three baselines,
 * and writes a new model version folder with its report. It promotes only with
 * {@code --promote-if-better}, and then only a model at least as good as the current one.
 * Progress goes to stderr; the result (the version written, the promotion decision) to stdout.
 *
 * <p>Exit codes: 0 trained (promoted or not), 2 no interactions yet (no folder written), 1 any failure.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train implicit ALS on purchases (PostgreSQL) and views and cart adds (Kafka clickstream),"
                + " evaluate it on a time-based hold-out against baselines, and write a new model version with its report.")
public final class TrainCommand extends ModelsCommand {

    /** Exit code when there is nothing to train on yet. */
    public static final int NO_INTERACTIONS = 2;

    @Mixin
    private InteractionData data;

    @Mixin
    private AlsOptions als;

    @Mixin
    private EvaluationOptions evaluation;

    @Option(names = "--no-evaluate", description = "skip the hold-out evaluation (faster; the report says so)")
    private boolean noEvaluate;

    @Option(names = "--promote-if-better",
            description = "promote the new version when its NDCG@k on the hold-out is at least the current model's"
                    + " (its parameters refitted on the same split); the first model is always promoted")
    private boolean promoteIfBetter;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        PrintWriter progress = err();
        ModelStore store = models().store();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        InteractionData.Survey survey = data.survey(progress);
        if (survey.empty()) {
            return nothingToTrainOn();
        }
        ModelTraining.Plan plan = new ModelTraining.Plan(als.parameters(), data.weighting(), evaluation.holdOut(),
                evaluation.k(), evaluation.evalUsers(), noEvaluate ? Map.of() : data.categories(), !noEvaluate);
        SparkSession spark = data.startSpark(progress, sparkScratch());
        try {
            Dataset<Row> events = data.events(spark, survey);
            Optional<ModelTraining.Outcome> trained = ModelTraining.run(events, plan, store, startedAt, progress);
            if (trained.isEmpty()) {
                return nothingToTrainOn();
            }
            try (ModelTraining.Outcome outcome = trained.get()) {
                out.println("wrote model " + outcome.version() + " to " + outcome.folder());
                out.println("report: " + outcome.folder().resolve("report.md"));
                if (outcome.evaluation() != null) {
                    out.printf("ndcg@%d: %.4f (popularity %.4f)%n", evaluation.k(), outcome.evaluation().als().ndcg(),
                            outcome.evaluation().byModel().get("popularity").ndcg());
                }
                if (promoteIfBetter) {
                    PromotionDecision decision = PromotionDecision.decide(store, outcome, plan, progress);
                    out.println(decision.message());
                    if (decision.promote()) {
                        store.promote(outcome.version());
                    }
                } else {
                    out.println("not promoted: run 'promote " + outcome.version() + "' to serve it");
                }
            }
            events.unpersist();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private int nothingToTrainOn() {
        err().println("no interactions yet: no paid orders in PostgreSQL and no product views or"
                + " cart adds of known users in the clickstream, so there is nothing to train on; no model was written");
        return NO_INTERACTIONS;
    }
}
