package dev.streamcart.recommender.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.recommender.evaluation.Evaluation;
import dev.streamcart.recommender.models.ModelDescription;
import org.jspecify.annotations.Nullable;

/**
 * What a run's report says: the model's description, its evaluation (none when the data could not
 * be split: too little of it, or no user on both sides of the cutoff), and how long each step took.
 *
 * @param title      e.g. "Training run" or "Re-evaluation on current data"
 * @param evaluation null when no hold-out evaluation was possible
 * @param noEvaluationReason why not, when {@code evaluation} is null
 * @param timings    seconds per step, in run order
 */
public record RunReport(String title, ModelDescription model, @Nullable Evaluation evaluation,
        @Nullable String noEvaluationReason, Map<String, Double> timings) {

    public RunReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
        timings = new LinkedHashMap<>(timings);
    }
}
