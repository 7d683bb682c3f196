package dev.streamcart.serving.recommendations;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Each user's best {@link #SIZE} items of one model by score alone, before any request-time rule,
 * remembered for the life of the model.
 *
 * <p>Scoring all items costs up to a millisecond of CPU (100k items x rank 32; less where the item
 * matrix's length bound stops the scan early), too much for thousands of requests a second on two
 * cores, yet for a given model a user's scores never change:
 * only what is excluded does (purchases, stock, activity), and that is applied at request time by
 * walking these candidates best first. The answer is the same as a full scan for as long as enough
 * candidates survive the exclusions; when they do not, the caller scans everything again.
 *
 * <p>{@link #precompute} fills it for every user of the model, batch by batch: one block of item
 * factors (64 KiB at rank 32) is scored for a whole batch of users while it sits in the CPU cache,
 * so memory is read once per batch instead of once per user. The scores are computed by the same
 * kernel as a request's, so they are equal bit for bit.
 */
final class UserCandidates {

    /** Candidates kept per user: room for a page of 10 to 20 after purchases, stock and the seller cap. */
    static final int SIZE = 64;
    private static final int BATCH = 32;
    // product id + score per candidate, plus the map entry and the arrays' headers
    private static final long BYTES_PER_USER = SIZE * (Long.BYTES + Float.BYTES) + 120L;

    /** A user's best items, best first (equal scores: lower product id first). */
    record Ranked(long[] productIds, float[] scores, boolean complete) {

        int size() {
            return productIds.length;
        }
    }

    private final RecommenderModel.ItemMatrix items;
    private final Map<Long, Ranked> byUser = new ConcurrentHashMap<>();
    private final int maxUsers;

    UserCandidates(RecommenderModel.ItemMatrix items, int maxUsers) {
        this.items = Objects.requireNonNull(items, "items");
        this.maxUsers = maxUsers;
    }

    /**
     * A thirty-second of the heap at most per model (an A/B test serves two), so a large user base
     * degrades to scanning, which the item matrix's length bound keeps cheap (0.02-0.05 ms a user at
     * the large profile), not to running out of memory.
     */
    static int maxUsersFor(long maxHeapBytes) {
        return (int) Math.min(1_000_000L, maxHeapBytes / 32 / BYTES_PER_USER);
    }

    /** The user's candidates: remembered, else scored now (and remembered while there is room). */
    Ranked of(long userId, float[] user) {
        Ranked ranked = byUser.get(userId);
        if (ranked != null) {
            return ranked;
        }
        TopK top = new TopK(SIZE);
        items.scoreAll(user, top, productId -> true, -1L);
        ranked = ranked(top);
        remember(userId, ranked);
        return ranked;
    }

    boolean remembers(long userId) {
        return byUser.containsKey(userId);
    }

    int cachedUsers() {
        return byUser.size();
    }

    /**
     * Scores every user of {@code userFactors} not yet remembered, while {@code keepGoing} says so
     * and there is room; returns how many users it added.
     */
    int precompute(UserFactors userFactors, BooleanSupplier keepGoing) {
        Long[] userIds = new Long[BATCH];
        float[][] queries = new float[BATCH][];
        int added = 0;
        int batch = 0;
        for (int user = 0; user < userFactors.size(); user++) {
            if (byUser.containsKey(userFactors.id(user))) {
                continue;
            }
            userIds[batch] = userFactors.id(user);
            queries[batch] = userFactors.vector(user);
            batch++;
            if (batch == BATCH) {
                if (!keepGoing.getAsBoolean() || byUser.size() + BATCH > maxUsers) {
                    return added;
                }
                added += scoreBatch(userIds, queries, batch);
                batch = 0;
            }
        }
        if (batch > 0 && keepGoing.getAsBoolean() && byUser.size() + batch <= maxUsers) {
            added += scoreBatch(userIds, queries, batch);
        }
        return added;
    }

    private int scoreBatch(Long[] userIds, float[][] queries, int count) {
        TopK[] tops = new TopK[count];
        for (int i = 0; i < count; i++) {
            tops[i] = new TopK(SIZE);
        }
        items.scoreAllBatch(queries, tops, count);
        for (int i = 0; i < count; i++) {
            byUser.putIfAbsent(userIds[i], ranked(tops[i]));
        }
        return count;
    }

    private void remember(long userId, Ranked ranked) {
        if (byUser.size() < maxUsers) {
            byUser.putIfAbsent(userId, ranked);
        }
    }

    private Ranked ranked(TopK top) {
        List<TopK.Entry> best = top.toList();
        long[] productIds = new long[best.size()];
        float[] scores = new float[best.size()];
        for (int i = 0; i < best.size(); i++) {
            productIds[i] = best.get(i).productId();
            // the score came from a float, so the round trip through double is exact
            scores[i] = (float) best.get(i).score();
        }
        return new Ranked(productIds, scores, best.size() >= items.size());
    }
}
