package dev.streamcart.recommender.training;

/**
 * Hyper-parameters of implicit ALS (Hu, Koren, Volinsky 2008).
 *
 * @param rank       number of latent factors
 * @param regParam   L2 regularisation
 * @param alpha      how fast confidence grows with the interaction weight
 * @param iterations alternating least-squares sweeps
 * @param seed       seeds the factor initialisation: same data + same seed = same model
 */
public record AlsParameters(int rank, double regParam, double alpha, int iterations, long seed) {

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
    }
}
