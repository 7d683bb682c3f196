package dev.streamcart.recommender.training;

import picocli.CommandLine.Option;

/**
 * The ALS hyper-parameters as options of {@code train}. Defaults from the sweeps in the README
 * ("Tuning ALS against the baselines"): on seeded shops (a few purchases per user) rank 32 with
 * regParam 0.05 and alpha 10 overfits; rank 16, regParam 0.5, alpha 1 is near the best there and
 * within sampling error of the best on the dense benchmark, where stronger settings collapse.
 */
public final class AlsOptions {

    @Option(names = "--rank", defaultValue = "16", description = "latent factors (default ${DEFAULT-VALUE})")
    private int rank;

    @Option(names = "--reg-param", defaultValue = "0.5", description = "L2 regularisation (default ${DEFAULT-VALUE})")
    private double regParam;

    @Option(names = "--alpha", defaultValue = "1.0", description = "confidence growth per unit of weight (default ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--iterations", defaultValue = "10", description = "ALS sweeps (default ${DEFAULT-VALUE})")
    private int iterations;

    @Option(names = "--log-epsilon", defaultValue = "0",
            description = "log-scale the weights: confidence 1 + alpha * log(1 + weight / epsilon); 0 = linear (default ${DEFAULT-VALUE})")
    private double logEpsilon;

    @Option(names = "--seed", defaultValue = "42", description = "random seed, for reproducible runs (default ${DEFAULT-VALUE})")
    private long seed;

    public AlsParameters parameters() {
        return new AlsParameters(rank, regParam, alpha, iterations, seed, logEpsilon);
    }
}
