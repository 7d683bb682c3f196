package dev.streamcart.recommender.evaluation;

import java.util.Arrays;

/**
 * The k best-scored items, highest score first, ties to the lower index (so to the lower product
 * id): a run over the same data always ranks the same way.
 */
public final class TopK {

    private TopK() {}

    /**
     * @param scores   a score per item index; {@code NEGATIVE_INFINITY} or NaN never qualifies
     * @param excluded item indices never returned, ascending
     * @param touched  when not null, only these item indices are considered (sparse scores)
     */
    static int[] select(double[] scores, int[] excluded, int k, int[] touched, int touchedCount) {
        int[] best = new int[k];
        double[] bestScores = new double[k];
        int size = 0;
        int candidates = touched == null ? scores.length : touchedCount;
        for (int c = 0; c < candidates; c++) {
            int item = touched == null ? c : touched[c];
            double score = scores[item];
            if (!(score > Double.NEGATIVE_INFINITY)) {
                continue;
            }
            if (size == k && !better(score, item, bestScores[k - 1], best[k - 1])) {
                continue;
            }
            if (Arrays.binarySearch(excluded, item) >= 0) {
                continue;
            }
            int position = size < k ? size++ : k - 1;
            while (position > 0 && better(score, item, bestScores[position - 1], best[position - 1])) {
                best[position] = best[position - 1];
                bestScores[position] = bestScores[position - 1];
                position--;
            }
            best[position] = item;
            bestScores[position] = score;
        }
        return size == k ? best : Arrays.copyOf(best, size);
    }

    /** Over every item index; see the sparse form for the arguments. */
    public static int[] select(double[] scores, int[] excluded, int k) {
        return select(scores, excluded, k, null, 0);
    }

    /** {@code chosen} topped up to k items from {@code fallbackOrder}, skipping excluded and already chosen items. */
    static int[] fill(int[] chosen, int[] fallbackOrder, int[] excluded, int k) {
        if (chosen.length >= k) {
            return chosen;
        }
        int[] filled = Arrays.copyOf(chosen, k);
        int size = chosen.length;
        for (int i = 0; i < fallbackOrder.length && size < k; i++) {
            int item = fallbackOrder[i];
            if (Arrays.binarySearch(excluded, item) >= 0 || contains(filled, size, item)) {
                continue;
            }
            filled[size++] = item;
        }
        return size == k ? filled : Arrays.copyOf(filled, size);
    }

    private static boolean contains(int[] items, int size, int item) {
        for (int i = 0; i < size; i++) {
            if (items[i] == item) {
                return true;
            }
        }
        return false;
    }

    private static boolean better(double score, int item, double otherScore, int otherItem) {
        return score > otherScore || (score == otherScore && item < otherItem);
    }
}
