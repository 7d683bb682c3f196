package dev.streamcart.loadgen.behaviour;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Zipf's law over ranks 0..n-1: rank k is drawn with probability proportional to 1/(k+1)^s.
 * Popularity on a storefront looks like this: a handful of products take most of the views.
 * Sampling is a binary search over the precomputed cumulative distribution.
 */
public final class ZipfDistribution {

    private final double[] cumulative;
    private final double exponent;

    public ZipfDistribution(int size, double exponent) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        if (exponent < 0) {
            throw new IllegalArgumentException("exponent must not be negative, was " + exponent);
        }
        this.exponent = exponent;
        this.cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += weight(rank);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
        cumulative[size - 1] = 1.0;
    }

    /** Probability of drawing {@code rank} (0 is the most popular). */
    public double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    /** A rank in [0, size). */
    public int sample(RandomGenerator random) {
        double u = random.nextDouble();
        int found = Arrays.binarySearch(cumulative, u);
        // binarySearch gives -(insertion point) - 1 when u falls between two entries
        int rank = found >= 0 ? found : -found - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    private double weight(int rank) {
        return 1.0 / Math.pow(rank + 1, exponent);
    }
}
