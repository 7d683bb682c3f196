package dev.streamcart.recommender.training;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

import dev.streamcart.recommender.evaluation.HoldOutSplit;
import dev.streamcart.recommender.models.ModelDescription;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.models.ModelVersion;

/**
 * Whether {@code train --promote-if-better} promotes the version it wrote. The current model is
 * judged on the same hold-out as the new one: its parameters are refitted on the same training side
 * (its saved factors were trained on data that may include the held-out period, which would flatter
 * it). The new version is promoted when its NDCG@k is at least the current one's; with identical
 * parameters the two tie by construction, and the newer data wins. The first model is always promoted.
 */
record PromotionDecision(boolean promote, String message) {

    static PromotionDecision decide(ModelStore store, ModelTraining.Outcome outcome, ModelTraining.Plan plan,
            PrintWriter progress) {
        String version = outcome.version();
        Optional<String> current = store.current().filter(ModelVersion::isVersionName).filter(store::isComplete);
        if (current.isEmpty()) {
            return new PromotionDecision(true, "promoted " + version + ": first model (no current model to beat)");
        }
        HoldOutSplit split = outcome.split();
        if (outcome.evaluation() == null || split == null) {
            return new PromotionDecision(false, "not promoted: " + version + " could not be evaluated on a hold-out,"
                    + " so it cannot be shown to beat " + current.get() + ", which stays current");
        }
        int k = plan.k();
        double candidate = outcome.evaluation().als().ndcg();
        ModelDescription served = store.description(current.get());
        AlsParameters servedParameters = served.parameters();
        double incumbent;
        String how;
        if (servedParameters.equals(plan.parameters())) {
            incumbent = candidate;
            how = "same parameters, so the newer data wins the tie";
        } else {
            progress.println("refitting " + current.get() + "'s parameters on the same hold-out to compare");
            progress.flush();
            incumbent = split.evaluate(split.fitAls(servedParameters)).ndcg();
            how = "its parameters refitted on the same hold-out";
        }
        String figures = String.format(Locale.ROOT, "ndcg@%d %.4f vs %.4f for current %s (%s)", k, candidate, incumbent,
                current.get(), how);
        if (candidate >= incumbent) {
            return new PromotionDecision(true, "promoted " + version + ": " + figures);
        }
        return new PromotionDecision(false, "not promoted: " + version + " does not beat the current model: " + figures
                + "; " + current.get() + " stays current");
    }
}
