package dev.streamcart.recommender.training;

import dev.streamcart.recommender.interactions.Weighting;
import picocli.CommandLine.Option;

/**
 * How events weigh, as options: part of {@link InteractionData} for {@code train}, {@code evaluate}
 * and {@code sweep}, and mixed into the training benchmark, so both run on the same defaults.
 */
public final class WeightingOptions {

    @Option(names = "--weight-per-unit", defaultValue = "5.0", description = "weight of one purchased unit (default ${DEFAULT-VALUE})")
    private double weightPerUnit;

    @Option(names = "--weight-per-view", defaultValue = "1.0", description = "weight of one product view (default ${DEFAULT-VALUE})")
    private double weightPerView;

    @Option(names = "--weight-per-cart-add", defaultValue = "3.0", description = "weight of one cart add (default ${DEFAULT-VALUE})")
    private double weightPerCartAdd;

    @Option(names = "--half-life-days", defaultValue = "30.0",
            description = "age at which an interaction weighs half as much (default ${DEFAULT-VALUE})")
    private double halfLifeDays;

    public Weighting weighting() {
        return new Weighting(weightPerUnit, weightPerView, weightPerCartAdd, halfLifeDays);
    }
}
