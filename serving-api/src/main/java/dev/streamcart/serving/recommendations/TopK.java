package dev.streamcart.serving.recommendations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k best (score, product) pairs of a stream, in O(n log k) time and O(k) memory: a min-heap
 * whose root is the worst kept entry. Equal scores rank the lower product id first, so results are
 * deterministic.
 */
final class TopK {

    record Entry(long productId, double score) {}

    /** Worst first: lower score, then higher product id. */
    private static final Comparator<Entry> WORST_FIRST =
            Comparator.comparingDouble(Entry::score).thenComparing(Entry::productId, Comparator.reverseOrder());

    private final int k;
    private final PriorityQueue<Entry> heap;

    TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        this.k = k;
        this.heap = new PriorityQueue<>(k + 1, WORST_FIRST);
    }

    boolean wouldAccept(double score, long productId) {
        if (heap.size() < k) {
            return true;
        }
        Entry worst = heap.peek();
        return score > worst.score() || (score == worst.score() && productId < worst.productId());
    }

    /** A score below this cannot enter: the worst kept score once full, else minus infinity. */
    double floor() {
        return heap.size() < k ? Double.NEGATIVE_INFINITY : heap.peek().score();
    }

    /** True once k entries are kept: an input sorted best first can stop there. */
    boolean isFull() {
        return heap.size() >= k;
    }

    void offer(double score, long productId) {
        if (!wouldAccept(score, productId)) {
            return;
        }
        heap.add(new Entry(productId, score));
        if (heap.size() > k) {
            heap.poll();
        }
    }

    /** Best first. */
    List<Entry> toList() {
        List<Entry> entries = new ArrayList<>(heap);
        entries.sort(WORST_FIRST.reversed());
        return entries;
    }
}
