package dev.streamcart.recommender.evaluation;

import java.util.ArrayList;
import java.util.List;

import dev.streamcart.recommender.training.AlsParameters;
import picocli.CommandLine.Option;

/** The parameter grid of a sweep, as options: shared by {@code sweep} and the benchmark's sweep. */
public final class SweepGrid {

    @Option(names = "--ranks", split = ",", defaultValue = "16,32", description = "ranks to try (default ${DEFAULT-VALUE})")
    private List<Integer> ranks;

    @Option(names = "--reg-params", split = ",", defaultValue = "0.5,2", description = "regularisations (default ${DEFAULT-VALUE})")
    private List<Double> regParams;

    @Option(names = "--alphas", split = ",", defaultValue = "1,10", description = "alphas (default ${DEFAULT-VALUE})")
    private List<Double> alphas;

    @Option(names = "--iterations", split = ",", defaultValue = "10", description = "iteration counts (default ${DEFAULT-VALUE})")
    private List<Integer> iterations;

    @Option(names = "--log-epsilons", split = ",", defaultValue = "0",
            description = "log scaling of the weights, 0 = linear confidence (default ${DEFAULT-VALUE})")
    private List<Double> logEpsilons;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    public long seed() {
        return seed;
    }

    /** Every combination, in option order. */
    public List<AlsParameters> parameters() {
        List<AlsParameters> grid = new ArrayList<>();
        for (int rank : ranks) {
            for (double regParam : regParams) {
                for (double alpha : alphas) {
                    for (int iterationCount : iterations) {
                        for (double logEpsilon : logEpsilons) {
                            grid.add(new AlsParameters(rank, regParam, alpha, iterationCount, seed, logEpsilon));
                        }
                    }
                }
            }
        }
        return grid;
    }
}
