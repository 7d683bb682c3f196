package dev.streamcart.recommender.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-k ranking quality averaged over the evaluated users, counting as relevant only the user's
 * held-out items that were not among their training items.
 *
 * @param precision hits / k
 * @param recall    hits / relevant items
 * @param ndcg      DCG of the hits (1 / log2(rank + 1)) over the DCG of a perfect list
 * @param map       mean average precision: precision at each hit, summed, over min(relevant, k)
 * @param coverage  distinct items recommended to anyone / items in the training catalogue
 * @param users     users evaluated
 */
public record RankingMetrics(double precision, double recall, double ndcg, double map, double coverage, int users) {

    /** The metric names in report order, as they appear in model.json with {@code @k}. */
    public static final String[] NAMES = {"precision", "recall", "ndcg", "map", "coverage"};

    public double value(String name) {
        return switch (name) {
            case "precision" -> precision;
            case "recall" -> recall;
            case "ndcg" -> ndcg;
            case "map" -> map;
            case "coverage" -> coverage;
            default -> throw new IllegalArgumentException("no metric " + name);
        };
    }

    /** {@code precision@10} .. {@code coverage@10}, each prefixed (e.g. {@code popularity.}) unless the prefix is empty. */
    public Map<String, Double> asMap(String prefix, int k) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            values.put((prefix.isEmpty() ? "" : prefix + ".") + name + "@" + k, value(name));
        }
        return values;
    }

    /** Sums per-user figures; {@link #result} averages them. */
    static final class Accumulator {
        private final int k;
        private final boolean[] recommended;
        private double precision;
        private double recall;
        private double ndcg;
        private double map;
        private int users;

        Accumulator(int k, int catalogue) {
            this.k = k;
            this.recommended = new boolean[catalogue];
        }

        /**
         * @param ranked   the recommended item indices, best first
         * @param heldOut  held-out item indices present in the catalogue, ascending
         * @param relevant held-out items in all (some may be unknown to the catalogue and so never hit)
         */
        void add(int[] ranked, int[] heldOut, int relevant) {
            int hits = 0;
            double dcg = 0;
            double precisionSum = 0;
            for (int rank = 0; rank < ranked.length && rank < k; rank++) {
                recommended[ranked[rank]] = true;
                if (Arrays.binarySearch(heldOut, ranked[rank]) >= 0) {
                    hits++;
                    dcg += 1 / log2(rank + 2);
                    precisionSum += (double) hits / (rank + 1);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(relevant, k); rank++) {
                ideal += 1 / log2(rank + 2);
            }
            precision += (double) hits / k;
            recall += (double) hits / relevant;
            ndcg += dcg / ideal;
            map += precisionSum / Math.min(relevant, k);
            users++;
        }

        RankingMetrics result() {
            int covered = 0;
            for (boolean item : recommended) {
                covered += item ? 1 : 0;
            }
            double n = Math.max(users, 1);
            return new RankingMetrics(precision / n, recall / n, ndcg / n, map / n,
                    recommended.length == 0 ? 0 : (double) covered / recommended.length, users);
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }
}
