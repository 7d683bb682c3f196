package dev.streamcart.recommender.models;

import java.util.Map;
import java.util.Objects;

import dev.streamcart.recommender.training.AlsParameters;

/**
 * The {@code model.json} of a model folder (contract 5), read by serving-api and by {@code list}.
 *
 * @param createdAt ISO-8601 instant of the training run
 * @param trainedOn what the model saw: interaction count (distinct user-item pairs), distinct users
 *                  and items, the ISO-8601 instants of the oldest and newest event, and the events
 *                  per signal: purchased order lines, product views and cart adds
 * @param metrics   numbers about the run; evaluation results join them in later versions
 * @param logEpsilon the log scaling of the weights ({@link AlsParameters#logEpsilon()}); 0, also when
 *                   absent (versions written before it existed), is linear confidence
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
        Map<String, Double> metrics,
        double logEpsilon) {

    public static final String ALGORITHM = "implicit-als";

    public ModelDescription {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(trainedOn, "trainedOn");
        metrics = Map.copyOf(metrics);
    }

    /** The ALS parameters this version was trained with, to refit them on other data. */
    public AlsParameters parameters() {
        return new AlsParameters(rank, regParam, alpha, iterations, seed, logEpsilon);
    }

    /** The same version with other metrics (a re-evaluation). */
    public ModelDescription withMetrics(Map<String, Double> newMetrics) {
        return new ModelDescription(version, createdAt, algorithm, rank, regParam, alpha, iterations, seed, trainedOn,
                newMetrics, logEpsilon);
    }

    public record TrainedOn(long interactions, long users, long items, String from, String to, long purchases, long views,
            long cartAdds) {}
}
