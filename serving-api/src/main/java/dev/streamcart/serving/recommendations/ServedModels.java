package dev.streamcart.serving.recommendations;

import org.jspecify.annotations.Nullable;

/**
 * What is served at one moment, swapped as a whole: the promoted model (variant A) and, while an
 * A/B experiment runs, the experiment's model (variant B) with the share of users it gets. A
 * request reads this once, so it sees one consistent pair even while a swap happens.
 */
public record ServedModels(@Nullable RecommenderModel control, @Nullable RecommenderModel experiment,
                           double experimentShare) {

    public static final String CONTROL = "A";
    public static final String EXPERIMENT = "B";
    static final ServedModels NONE = new ServedModels(null, null, 0);

    /** The variant a user is in and the model that answers for it (null: no model at all). */
    public record Assignment(String variant, @Nullable RecommenderModel model) {}

    public ServedModels {
        if (experiment != null && !(experimentShare > 0 && experimentShare < 1)) {
            throw new IllegalArgumentException("experiment share must be in (0, 1), was " + experimentShare);
        }
    }

    /** Every user is in A unless an experiment runs and the user's hash falls in its share. */
    public Assignment assign(long userId) {
        if (experiment != null && VariantSplit.inExperiment(userId, experimentShare)) {
            return new Assignment(EXPERIMENT, experiment);
        }
        return new Assignment(CONTROL, control);
    }
}
