package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A user's remembered candidates are exactly the best items by dot product, whether scored ahead
 * of requests in batches or on a request, and the memory they may take is bounded.
 */
class UserCandidatesTest {

    private static final int RANK = 9;
    private static final int ITEMS = 1_500; // not a multiple of the block size
    private static final int USERS = 75; // not a multiple of the batch size

    private final Random random = new Random(7);
    private final long[] ids = IntStream.range(0, ITEMS).mapToLong(i -> 500L + i * 7L).toArray();
    private final float[] factors = randomFloats(ITEMS * RANK);
    private final Map<Long, float[]> users = randomUsers();

    @Test
    void precomputedCandidatesAreTheExactBestItemsOfEveryUser() {
        UserCandidates candidates = new UserCandidates(matrix(), 1_000);

        int added = candidates.precompute(UserFactors.of(users, RANK), () -> true);

        assertThat(added).isEqualTo(USERS);
        assertThat(candidates.cachedUsers()).isEqualTo(USERS);
        users.forEach((userId, user) -> {
            UserCandidates.Ranked ranked = candidates.of(userId, user);
            assertThat(ranked.complete()).isFalse();
            List<TopK.Entry> expected = bruteForceBest(user, UserCandidates.SIZE);
            for (int i = 0; i < UserCandidates.SIZE; i++) {
                assertThat(ranked.productIds()[i]).as("user %d rank %d", userId, i).isEqualTo(expected.get(i).productId());
                assertThat((double) ranked.scores()[i]).isEqualTo(expected.get(i).score());
            }
        });
    }

    @Test
    void aBatchScoresEveryUserBitForBitLikeARequestDoes() {
        UserCandidates batched = new UserCandidates(matrix(), 1_000);
        batched.precompute(UserFactors.of(users, RANK), () -> true);
        UserCandidates onRequest = new UserCandidates(matrix(), 1_000);

        users.forEach((userId, user) -> {
            UserCandidates.Ranked expected = onRequest.of(userId, user);
            UserCandidates.Ranked actual = batched.of(userId, user);
            assertThat(actual.productIds()).isEqualTo(expected.productIds());
            assertThat(actual.scores()).isEqualTo(expected.scores());
        });
    }

    @Test
    void aCatalogSmallerThanTheCandidateListIsCompletelyRemembered() {
        int few = UserCandidates.SIZE / 2;
        RecommenderModel.ItemMatrix small = new RecommenderModel.ItemMatrix(
                Arrays.copyOf(ids, few), Arrays.copyOf(factors, few * RANK), RANK);
        UserCandidates candidates = new UserCandidates(small, 10);

        UserCandidates.Ranked ranked = candidates.of(1L, users.get(1L));

        assertThat(ranked.complete()).isTrue();
        assertThat(ranked.size()).isEqualTo(few);
    }

    @Test
    void itStopsWhenToldAndNeverHoldsMoreUsersThanItsBound() {
        UserCandidates stopped = new UserCandidates(matrix(), 1_000);
        assertThat(stopped.precompute(UserFactors.of(users, RANK), () -> false)).isZero();
        assertThat(stopped.cachedUsers()).isZero();

        UserCandidates bounded = new UserCandidates(matrix(), 40);
        bounded.precompute(UserFactors.of(users, RANK), () -> true);
        users.forEach(bounded::of);
        assertThat(bounded.cachedUsers()).isLessThanOrEqualTo(40).isGreaterThan(0);
        // users beyond the bound are still answered exactly, only not remembered
        long unremembered = users.keySet().stream().filter(id -> !bounded.remembers(id)).findFirst().orElseThrow();
        assertThat(bounded.of(unremembered, users.get(unremembered)).productIds()[0])
                .isEqualTo(bruteForceBest(users.get(unremembered), 1).get(0).productId());
    }

    @Test
    void theBoundFollowsTheHeap() {
        assertThat(UserCandidates.maxUsersFor(512L << 20)).isBetween(12_000, 25_000);
        assertThat(UserCandidates.maxUsersFor(64L << 30)).isEqualTo(1_000_000);
    }

    private RecommenderModel.ItemMatrix matrix() {
        return new RecommenderModel.ItemMatrix(ids, factors, RANK);
    }

    private List<TopK.Entry> bruteForceBest(float[] user, int k) {
        return IntStream.range(0, ITEMS)
                .mapToObj(i -> {
                    float score = 0f;
                    for (int f = 0; f < RANK; f++) {
                        score += user[f] * factors[i * RANK + f];
                    }
                    return new TopK.Entry(ids[i], score);
                })
                .sorted(Comparator.comparingDouble(TopK.Entry::score).reversed().thenComparingLong(TopK.Entry::productId))
                .limit(k).toList();
    }

    private Map<Long, float[]> randomUsers() {
        Map<Long, float[]> result = new HashMap<>();
        for (long user = 1; user <= USERS; user++) {
            result.put(user, randomFloats(RANK));
        }
        return result;
    }

    private float[] randomFloats(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
