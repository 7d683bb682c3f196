package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The union of a remembered part and a live part counts each user once, as a set would. */
class UserSetTest {

    @Test
    void theUnionSizeEqualsTheSizeOfTheUnionOfSets() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            // dense ids, and now and then sparse ones far apart (ids are any UInt64 to ClickHouse)
            long bound = round % 10 == 0 ? Long.MAX_VALUE : 5_000;
            long[] settled = random.longs(random.nextInt(2_000), 1, bound).toArray();
            long[] live = random.longs(random.nextInt(300), 1, bound).toArray();
            Set<Long> settledSet = new HashSet<>();
            LongStream.of(settled).forEach(settledSet::add);
            Set<Long> union = new HashSet<>(settledSet);
            LongStream.of(live).forEach(union::add);

            UserSet settledUsers = UserSet.of(settled);

            assertThat(settledUsers.size()).isEqualTo(settledSet.size());
            assertThat(settledUsers.unionSize(UserSet.of(live))).isEqualTo(union.size());
            assertThat(UserSet.of(live).unionSize(settledUsers)).isEqualTo(union.size());
            assertThat(settledUsers.unionSize(UserSet.EMPTY)).isEqualTo(settledSet.size());
        }
    }

    @Test
    void eachBucketHoldsTheDistinctUsersSeenInIt() {
        long[] buckets = {10, 10, 20, 10, 20, 30};
        long[] users = {1, 2, 2, 1, 5, 1};

        Map<Long, Long> sizes = new HashMap<>();
        UserSet.byBucket(buckets, users).forEach((bucket, set) -> sizes.put(bucket, set.size()));

        assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of(10L, 2L, 20L, 2L, 30L, 1L));
        assertThatThrownBy(() -> UserSet.byBucket(new long[] {1}, new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
