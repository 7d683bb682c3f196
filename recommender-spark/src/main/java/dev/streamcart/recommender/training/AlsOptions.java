package dev.streamcart.recommender.training;

import picocli.CommandLine.Option;

/** The ALS hyper-parameters as options of {@code train}. */
public final class AlsOptions {

    @Option(names = "--rank", defaultValue = "32", description = "latent factors (default ${DEFAULT-VALUE})")
    private int rank;

    @Option(names = "--reg-param", defaultValue = "0.05", description = "L2 regularisation (default ${DEFAULT-VALUE})")
    private double regParam;

    @Option(names = "--alpha", defaultValue = "10.0", description = "confidence growth per unit of weight (default ${DEFAULT-VALUE})")
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
