package dev.streamcart.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import dev.streamcart.recommender.benchmark.PlantedInteractions;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The planted oracle's probabilities are the generator's own: they sum to one and match the
 * frequencies the generator draws products with, so the oracle is a true ceiling of the benchmark.
 */
class PlantedOracleTest {

    private static final PlantedInteractions PLANTED = new PlantedInteractions(4000, 300, 3, 5, 20, 0.2, 1.5, 30,
            Instant.parse("2026-11-01T00:00:00Z"), 11);

    @Test
    void eachDrawsProbabilitiesSumToOne() {
        double global = 0;
        double[] inCluster = new double[PLANTED.clusters()];
        for (int item = 1; item <= PLANTED.items(); item++) {
            global += PLANTED.globalProbability(item);
            inCluster[PLANTED.clusterOfItem(item)] += PLANTED.inClusterProbability(item);
        }
        assertThat(global).isCloseTo(1, within(1e-9));
        for (double sum : inCluster) {
            assertThat(sum).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void theGeneratorDrawsProductsWithThoseProbabilities() {
        int cluster = 1;
        double[] counts = new double[PLANTED.items() + 1];
        long events = 0;
        for (int user = cluster; user <= PLANTED.users(); user += PLANTED.clusters()) {
            for (Row row : PLANTED.eventsOf(user)) {
                counts[(int) row.getLong(1)]++;
                events++;
            }
        }
        for (int item = 1; item <= PLANTED.items(); item++) {
            double expected = PLANTED.noiseShare() * PLANTED.globalProbability(item)
                    + (PLANTED.clusterOfItem(item) == cluster ? (1 - PLANTED.noiseShare()) * PLANTED.inClusterProbability(item) : 0);
            // about 26,000 draws: a few standard deviations of a binomial share
            double tolerance = 4 * Math.sqrt(expected * (1 - expected) / events) + 1e-4;
            assertThat(counts[item] / events).as("item " + item).isCloseTo(expected, within(tolerance));
        }
    }
}
