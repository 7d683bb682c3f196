package dev.streamcart.recommender.training;

/**
 * Hyper-parameters of implicit ALS (Hu, Koren, Volinsky 2008).
 *
 * @param rank       number of latent factors
 * @param regParam   L2 regularisation
 * @param alpha      how fast confidence grows with the interaction weight
 * @param iterations alternating least-squares sweeps
 * @param seed       seeds the factor initialisation: same data + same seed = same model
 * @param logEpsilon 0: confidence {@code 1 + alpha * weight} (linear); above 0: confidence
 *                   {@code 1 + alpha * log(1 + weight / logEpsilon)}, the paper's log scaling, which
 *                   keeps one heavily viewed or bought product from outweighing the rest of a user's history
 */
public record AlsParameters(int rank, double regParam, double alpha, int iterations, long seed, double logEpsilon) {

    public AlsParameters {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, was " + rank);
        }
        if (regParam < 0) {
            throw new IllegalArgumentException("regParam must be >= 0, was " + regParam);
        }
        if (alpha < 0) {
            throw new IllegalArgumentException("alpha must be >= 0, was " + alpha);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        if (!(logEpsilon >= 0)) {
            throw new IllegalArgumentException("logEpsilon must be >= 0, was " + logEpsilon);
        }
    }

    /** Linear confidence, as models written before {@code logEpsilon} existed were trained. */
    public AlsParameters(int rank, double regParam, double alpha, int iterations, long seed) {
        this(rank, regParam, alpha, iterations, seed, 0);
    }

    /** True when the weights are log-scaled before they become confidences. */
    public boolean logScaled() {
        return logEpsilon > 0;
    }
}
