package dev.streamcart.recommender.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hold-out evaluation of one run: ALS and each baseline on the same split, in report order. */
public record Evaluation(HoldOutSplit.Description split, Map<String, RankingMetrics> byModel) {

    public Evaluation {
        byModel = Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
    }

    public RankingMetrics als() {
        return byModel.get(HoldOutSplit.ALS);
    }

    /** The figures for model.json's {@code metrics}: ALS's unprefixed, each baseline's prefixed by its name. */
    public Map<String, Double> asMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        byModel.forEach((name, result) -> metrics.putAll(result.asMap(HoldOutSplit.ALS.equals(name) ? "" : name, split.k())));
        metrics.put("evaluatedUsers", (double) split.evaluatedUsers());
        metrics.put("heldOutInteractions", (double) split.heldOutInteractions());
        return metrics;
    }
}
