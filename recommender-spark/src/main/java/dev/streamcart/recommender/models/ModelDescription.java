package dev.streamcart.recommender.models;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code model.json} of a model folder (contract 5), read by serving-api and by {@code list}.
 *
 * @param createdAt ISO-8601 instant of the training run
 * @param trainedOn what the model saw: interaction count (distinct user-item pairs), distinct users
 *                  and items, the ISO-8601 instants of the oldest and newest event, and the events
 *                  per signal: purchased order lines, product views and cart adds
 * @param metrics   numbers about the run; evaluation results join them in later versions
 */
public record ModelDescription(
        String version,
        String createdAt,
        String algorithm,
        int rank,
        double regParam,
        double alpha,
        int iterations,
        long seed,
        TrainedOn trainedOn,
        Map<String, Double> metrics) {

    public static final String ALGORITHM = "implicit-als";

    public ModelDescription {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(trainedOn, "trainedOn");
        metrics = Map.copyOf(metrics);
    }

    public record TrainedOn(long interactions, long users, long items, String from, String to, long purchases, long views,
            long cartAdds) {}
}
