package dev.streamcart.recommender.benchmark;

import dev.streamcart.recommender.evaluation.InteractionTable;
import dev.streamcart.recommender.evaluation.Recommender;
import dev.streamcart.recommender.evaluation.TopK;

/**
 * The best any recommender can do on {@link PlantedInteractions} in expectation: it knows each
 * user's planted cluster and the exact probability the generator draws each product with, and
 * recommends the most probable products the user has not had. Held-out events are drawn
 * independently of the training events given the cluster, so no model learnt from the training
 * side can beat it except by chance: it is the ceiling of the benchmark's metrics.
 */
public final class PlantedOracle implements Recommender {

    private final InteractionTable table;
    private final PlantedInteractions planted;
    /** Per cluster, every item index's probability for a user of that cluster. */
    private final double[][] scoresByCluster;

    public PlantedOracle(InteractionTable table, PlantedInteractions planted) {
        this.table = table;
        this.planted = planted;
        this.scoresByCluster = new double[planted.clusters()][table.items()];
        for (int item = 0; item < table.items(); item++) {
            long itemId = table.itemId(item);
            double global = planted.noiseShare() * planted.globalProbability(itemId);
            for (int cluster = 0; cluster < planted.clusters(); cluster++) {
                scoresByCluster[cluster][item] = global;
            }
            int own = planted.clusterOfItem(itemId);
            scoresByCluster[own][item] += (1 - planted.noiseShare()) * planted.inClusterProbability(itemId);
        }
    }

    @Override
    public int[] recommend(int user, int k) {
        int cluster = planted.clusterOfUser(table.userId(user));
        return TopK.select(scoresByCluster[cluster], table.itemsOf(user), k);
    }
}
