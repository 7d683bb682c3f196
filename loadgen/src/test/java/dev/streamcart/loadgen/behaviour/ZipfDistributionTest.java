package dev.streamcart.loadgen.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ZipfDistributionTest {

    @Test
    void probabilitiesFollowOneOverRankAndSumToOne() {
        ZipfDistribution zipf = new ZipfDistribution(200, 1.0);
        double harmonic = 0;
        for (int k = 1; k <= 200; k++) {
            harmonic += 1.0 / k;
        }
        double sum = 0;
        for (int rank = 0; rank < 200; rank++) {
            assertThat(zipf.probability(rank)).isCloseTo(1.0 / (rank + 1) / harmonic, within(1e-12));
            sum += zipf.probability(rank);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void seededSamplesAreSkewedTowardsTheHead() {
        ZipfDistribution zipf = new ZipfDistribution(200, 1.0);
        SplittableRandom random = new SplittableRandom(42);
        int[] counts = new int[200];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(random)]++;
        }

        // each observed frequency is close to the law
        for (int rank : new int[] {0, 1, 4, 9, 49}) {
            assertThat(counts[rank] / (double) draws).isCloseTo(zipf.probability(rank), within(0.004));
        }
        // the top 10% of products take well over half of the views; the bottom half only a small share
        int top20 = 0;
        int bottom100 = 0;
        for (int rank = 0; rank < 200; rank++) {
            if (rank < 20) {
                top20 += counts[rank];
            } else if (rank >= 100) {
                bottom100 += counts[rank];
            }
        }
        assertThat(top20 / (double) draws).isBetween(0.58, 0.64);
        assertThat(bottom100 / (double) draws).isBetween(0.10, 0.14);
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[9]);
    }

    @Test
    void exponentZeroIsUniform() {
        ZipfDistribution uniform = new ZipfDistribution(4, 0);
        for (int rank = 0; rank < 4; rank++) {
            assertThat(uniform.probability(rank)).isCloseTo(0.25, within(1e-12));
        }
    }

    @Test
    void singleRankIsAlwaysDrawn() {
        ZipfDistribution one = new ZipfDistribution(1, 1.2);
        assertThat(one.sample(new SplittableRandom(1))).isZero();
    }
}
