package dev.streamcart.serving.recommendations;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * A loaded model version (contract 5): latent factors of users and items, the popularity ranking
 * for cold starts and, when the trainer wrote one, the co-occurrence lists. Immutable once built.
 *
 * <p>Scoring every item for a request is the hot path (100k items x rank 32 = 3.2M multiply-adds),
 * so item factors are stored in blocks of {@link ItemMatrix#BLOCK} items, factor-major inside a
 * block: the inner loop is then {@code scores[j] += u[f] * v[f][j]} over contiguous memory, which
 * the JIT turns into SIMD instructions, while a row-major dot product is a serial reduction it
 * cannot vectorise. Each score still sums its terms in factor order, so results are exact and equal
 * to the plain dot product. Cosine similarity scores the same blocks and scales each score by the
 * item's inverse length.
 *
 * <p>Everything is held in flat primitive arrays: a model of 989k users and 884k items at rank 16
 * takes 155 MB, where boxed maps and a second, unit-length matrix did not fit in a 512 MB heap.
 */
public final class RecommenderModel {

    /** A co-occurrence list: other products and their scores, highest first. */
    record Neighbours(long[] productIds, double[] scores) {}

    private final String version;
    private final Instant createdAt;
    private final int rank;
    private final UserFactors userFactors;
    private final ItemMatrix items;
    private final long[] popularIds;
    private final double[] popularScores;
    private final Map<Long, Neighbours> cooccurrence;
    private final UserCandidates candidates;

    RecommenderModel(String version, Instant createdAt, int rank, Map<Long, float[]> userFactors, long[] itemIds,
                     float[] itemFactors, long[] popularIds, double[] popularScores,
                     Map<Long, Neighbours> cooccurrence) {
        this(version, createdAt, rank, UserFactors.of(userFactors, rank), itemIds, itemFactors, popularIds,
                popularScores, cooccurrence);
    }

    RecommenderModel(String version, Instant createdAt, int rank, UserFactors userFactors, long[] itemIds,
                     float[] itemFactors, long[] popularIds, double[] popularScores,
                     Map<Long, Neighbours> cooccurrence) {
        this.version = Objects.requireNonNull(version, "version");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (itemFactors.length != itemIds.length * rank) {
            throw new IllegalArgumentException("item factors hold " + itemFactors.length + " floats, expected "
                    + itemIds.length + " items x rank " + rank);
        }
        if (popularIds.length != popularScores.length) {
            throw new IllegalArgumentException("popular ids and scores differ in length");
        }
        this.rank = rank;
        this.userFactors = Objects.requireNonNull(userFactors, "userFactors");
        this.items = new ItemMatrix(itemIds, itemFactors, rank);
        this.popularIds = popularIds.clone();
        this.popularScores = popularScores.clone();
        this.cooccurrence = Map.copyOf(cooccurrence);
        this.candidates = new UserCandidates(items, UserCandidates.maxUsersFor(Runtime.getRuntime().maxMemory()));
    }

    public String version() {
        return version;
    }

    /** When the trainer wrote the model (model.json's createdAt). */
    public Instant createdAt() {
        return createdAt;
    }

    public int rank() {
        return rank;
    }

    public int userCount() {
        return userFactors.size();
    }

    public int itemCount() {
        return items.size();
    }

    /** The user's factors, or null for a user the model was not trained on. */
    @Nullable float[] userFactors(long userId) {
        return userFactors.get(userId);
    }

    /** Roughly what the model holds in memory, candidates aside. */
    long bytes() {
        long neighbours = 0;
        for (Neighbours list : cooccurrence.values()) {
            neighbours += 64L + list.productIds().length * (long) (Long.BYTES + Double.BYTES);
        }
        return userFactors.bytes() + items.bytes()
                + (long) popularIds.length * (Long.BYTES + Double.BYTES) + neighbours;
    }

    /** Scores every item for {@code user} into {@code top}, skipping items {@code eligible} rejects. */
    void scoreAll(float[] user, TopK top, ProductFilter eligible) {
        items.scoreAll(user, top, eligible, -1L);
    }

    /** The user's best items before request-time rules (see {@link UserCandidates}). */
    UserCandidates.Ranked candidates(long userId, float[] user) {
        return candidates.of(userId, user);
    }

    /** Scores the candidates of every user of the model ahead of their requests, while {@code keepGoing}. */
    int precomputeCandidates(BooleanSupplier keepGoing) {
        return candidates.precompute(userFactors, keepGoing);
    }

    /** Users whose candidates are ready. */
    public int usersWithCandidates() {
        return candidates.cachedUsers();
    }

    /**
     * Ranks items by cosine similarity to {@code productId}'s factors; false when the model has no
     * factors for it (then nothing is offered).
     */
    boolean similarTo(long productId, TopK top, ProductFilter eligible) {
        int position = items.positionOf(productId);
        if (position < 0) {
            return false;
        }
        float[] query = items.vector(position);
        double length = ItemMatrix.length(query);
        if (length == 0) {
            return false; // a zero vector is similar to nothing
        }
        for (int f = 0; f < query.length; f++) {
            query[f] = (float) (query[f] / length);
        }
        items.scoreAllByCosine(query, top, eligible, productId);
        return true;
    }

    /** The co-occurrence list of {@code productId} (cooccurrence.tsv), best first; false when it has none. */
    boolean cooccurringWith(long productId, TopK top, ProductFilter eligible) {
        Neighbours neighbours = cooccurrence.get(productId);
        if (neighbours == null) {
            return false;
        }
        for (int i = 0; i < neighbours.productIds().length && !top.isFull(); i++) {
            long other = neighbours.productIds()[i];
            if (other != productId && eligible.test(other)) {
                top.offer(neighbours.scores()[i], other);
            }
        }
        return true;
    }

    /** popular.tsv's ranking, best first. */
    int popularCount() {
        return popularIds.length;
    }

    long popularId(int rank) {
        return popularIds[rank];
    }

    double popularScore(int rank) {
        return popularScores[rank];
    }

    /** The first eligible items of the popularity ranking (popular.tsv is sorted best first). */
    void popular(TopK top, ProductFilter eligible) {
        for (int i = 0; i < popularIds.length && !top.isFull(); i++) {
            if (eligible.test(popularIds[i])) {
                top.offer(popularScores[i], popularIds[i]);
            }
        }
    }

    /**
     * Item vectors in blocks of {@link #BLOCK} items, factor-major within a block (see the class
     * comment), items ordered by their vector's length, longest first. A score is at most the
     * product of the two lengths (Cauchy-Schwarz), so a scan can stop at the first block whose
     * longest vector cannot reach the worst score kept: the rest cannot either. Implicit ALS gives
     * the long tail of rarely touched items short vectors, so most of a large catalogue is never
     * read, and the answer stays exactly that of a full scan.
     */
    static final class ItemMatrix {

        static final int BLOCK = 512;
        /**
         * A float dot product of rank r differs from the exact one by at most about r x 2^-24 of the
         * product of the lengths; this margin covers ranks far beyond any model's.
         */
        private static final double BOUND_MARGIN = 1 + 1e-4;
        private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[BLOCK]);

        private final long[] ids;
        private final float[] blocked;
        private final double[] blockMaxLength;
        private final float[] inverseLength;
        private final long[] idsAscending;
        private final int[] positionOfAscending;
        private final int rank;

        ItemMatrix(long[] ids, float[] rowMajor, int rank) {
            int count = ids.length;
            this.rank = rank;
            double[] lengths = new double[count];
            long[] byLength = new long[count];
            for (int item = 0; item < count; item++) {
                double squares = 0;
                for (int f = 0; f < rank; f++) {
                    double value = rowMajor[item * rank + f];
                    squares += value * value;
                }
                lengths[item] = Math.sqrt(squares);
                // non-negative floats order as their bits do: longest first, then file order
                int lengthBits = Float.floatToIntBits(Math.nextUp((float) lengths[item]));
                byLength[item] = ((long) (Integer.MAX_VALUE - lengthBits) << 32) | item;
            }
            Arrays.sort(byLength);
            this.ids = new long[count];
            int blocks = (count + BLOCK - 1) / BLOCK;
            this.blocked = new float[blocks * BLOCK * rank];
            this.blockMaxLength = new double[blocks];
            this.inverseLength = new float[count];
            for (int position = 0; position < count; position++) {
                int item = (int) byLength[position];
                this.ids[position] = ids[item];
                int block = position / BLOCK;
                int j = position % BLOCK;
                blockMaxLength[block] = Math.max(blockMaxLength[block], lengths[item]);
                inverseLength[position] = lengths[item] == 0 ? 0f : (float) (1.0 / lengths[item]);
                for (int f = 0; f < rank; f++) {
                    blocked[(block * rank + f) * BLOCK + j] = rowMajor[item * rank + f];
                }
            }
            this.idsAscending = this.ids.clone();
            Arrays.sort(idsAscending);
            for (int i = 1; i < count; i++) {
                if (idsAscending[i] == idsAscending[i - 1]) {
                    throw new IllegalArgumentException("item " + idsAscending[i] + " appears twice");
                }
            }
            this.positionOfAscending = new int[count];
            for (int position = 0; position < count; position++) {
                positionOfAscending[Arrays.binarySearch(idsAscending, this.ids[position])] = position;
            }
        }

        int size() {
            return ids.length;
        }

        /** The item's position in this matrix, or -1 when it has no vector here. */
        int positionOf(long productId) {
            int index = Arrays.binarySearch(idsAscending, productId);
            return index < 0 ? -1 : positionOfAscending[index];
        }

        float[] vector(int position) {
            float[] vector = new float[rank];
            int block = position / BLOCK;
            int j = position % BLOCK;
            for (int f = 0; f < rank; f++) {
                vector[f] = blocked[(block * rank + f) * BLOCK + j];
            }
            return vector;
        }

        long bytes() {
            return (long) blocked.length * Float.BYTES + (long) ids.length * (2 * Long.BYTES + 2 * Integer.BYTES)
                    + (long) blockMaxLength.length * Double.BYTES;
        }

        /** Offers every item that may enter {@code top}; returns how many blocks it scored. */
        int scoreAll(float[] query, TopK top, ProductFilter eligible, long skipId) {
            float[] scores = SCORES.get();
            double reach = length(query) * BOUND_MARGIN;
            double floor = top.floor();
            int block = 0;
            for (int start = 0; start < ids.length; start += BLOCK, block++) {
                if (blockMaxLength[block] * reach < floor) {
                    return block;
                }
                scoreBlock(query, block, scores);
                floor = offerBlock(scores, start, top, floor, eligible, skipId);
            }
            return block;
        }

        int blocks() {
            return blockMaxLength.length;
        }

        /**
         * Offers every item by its cosine with {@code unitQuery} (a unit vector): each block's dot
         * products scaled by the items' inverse lengths. Every block is read: lengths do not bound a cosine.
         */
        void scoreAllByCosine(float[] unitQuery, TopK top, ProductFilter eligible, long skipId) {
            float[] scores = SCORES.get();
            double floor = top.floor();
            for (int start = 0, block = 0; start < ids.length; start += BLOCK, block++) {
                scoreBlock(unitQuery, block, scores);
                int count = Math.min(BLOCK, ids.length - start);
                for (int j = 0; j < count; j++) {
                    scores[j] *= inverseLength[start + j];
                }
                floor = offerBlock(scores, start, top, floor, eligible, skipId);
            }
        }

        /**
         * {@link #scoreAll} for several queries at once, no filter: each block of item factors is read
         * from memory once and scored for every query still able to gain from it, while it is in the
         * CPU cache.
         */
        void scoreAllBatch(float[][] queries, TopK[] tops, int count) {
            float[] scores = SCORES.get();
            double[] floors = new double[count];
            double[] reach = new double[count];
            for (int q = 0; q < count; q++) {
                floors[q] = tops[q].floor();
                reach[q] = length(queries[q]) * BOUND_MARGIN;
            }
            ProductFilter everything = productId -> true;
            for (int start = 0, block = 0; start < ids.length; start += BLOCK, block++) {
                boolean anyScored = false;
                for (int q = 0; q < count; q++) {
                    if (blockMaxLength[block] * reach[q] < floors[q]) {
                        continue;
                    }
                    anyScored = true;
                    scoreBlock(queries[q], block, scores);
                    floors[q] = offerBlock(scores, start, tops[q], floors[q], everything, -1L);
                }
                if (!anyScored) {
                    return;
                }
            }
        }

        static double length(float[] vector) {
            double squares = 0;
            for (float value : vector) {
                squares += (double) value * value;
            }
            return Math.sqrt(squares);
        }
        private void scoreBlock(float[] query, int block, float[] scores) {
            Arrays.fill(scores, 0f);
            int base = block * rank * BLOCK;
            int f = 0;
            // four factors per pass: a quarter of the loads and stores of scores[]; the additions stay in
            // factor order ((((s + a) + b) + c) + d), so every score is bit for bit the plain dot product
            for (; f + 4 <= rank; f += 4) {
                float w0 = query[f];
                float w1 = query[f + 1];
                float w2 = query[f + 2];
                float w3 = query[f + 3];
                int c0 = base + f * BLOCK;
                int c1 = c0 + BLOCK;
                int c2 = c1 + BLOCK;
                int c3 = c2 + BLOCK;
                for (int j = 0; j < BLOCK; j++) {
                    scores[j] = scores[j] + w0 * blocked[c0 + j] + w1 * blocked[c1 + j] + w2 * blocked[c2 + j]
                            + w3 * blocked[c3 + j];
                }
            }
            for (; f < rank; f++) {
                float weight = query[f];
                int column = base + f * BLOCK;
                for (int j = 0; j < BLOCK; j++) {
                    scores[j] += weight * blocked[column + j];
                }
            }
        }

        /** Offers one scored block to {@code top}; returns the new floor. */
        private double offerBlock(float[] scores, int start, TopK top, double floor, ProductFilter eligible,
                                  long skipId) {
            int count = Math.min(BLOCK, ids.length - start);
            for (int j = 0; j < count; j++) {
                // most items lose to the kept worst: one primitive comparison; the heap and the filter
                // (which costs more) only for the few that may enter
                if (scores[j] < floor) {
                    continue;
                }
                long productId = ids[start + j];
                if (top.wouldAccept(scores[j], productId) && productId != skipId && eligible.test(productId)) {
                    top.offer(scores[j], productId);
                    floor = top.floor();
                }
            }
            return floor;
        }
    }
}
