package dev.streamcart.recommender.evaluation;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How runs are evaluated: the hold-out, k, and how many users are scored. */
public final class EvaluationOptions {

    @Option(names = "--holdout-fraction", defaultValue = "0.2",
            description = "hold out the last fraction of the data's time range (default ${DEFAULT-VALUE})")
    private double holdoutFraction;

    @Option(names = "--holdout-days", description = "hold out the last N days instead (wins over --holdout-fraction)")
    private @Nullable Double holdoutDays;

    @Option(names = "--k", defaultValue = "10", description = "length of the evaluated top-k lists (default ${DEFAULT-VALUE})")
    private int k;

    @Option(names = "--eval-users", defaultValue = "2000",
            description = "most users scored, drawn with the seed when more qualify (default ${DEFAULT-VALUE})")
    private int evalUsers;

    public HoldOut holdOut() {
        return new HoldOut(holdoutFraction, holdoutDays);
    }

    public int k() {
        return k;
    }

    public int evalUsers() {
        return evalUsers;
    }
}
