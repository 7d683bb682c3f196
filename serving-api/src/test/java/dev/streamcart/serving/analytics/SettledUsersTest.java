package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The union of a remembered part and a live part counts each user once, as a set would. */
class SettledUsersTest {

    @Test
    void theUnionCountEqualsTheSizeOfTheUnionOfSets() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            long[] settled = random.longs(random.nextInt(2_000), 1, 5_000).toArray();
            long[] live = random.longs(random.nextInt(300), 1, 5_000).toArray();
            Set<Long> union = new HashSet<>();
            LongStream.of(settled).forEach(union::add);
            LongStream.of(live).forEach(union::add);

            long[] settledIds = SettledUsers.distinctAscending(settled);
            long[] liveIds = SettledUsers.distinctAscending(live);

            assertThat(settledIds).isSorted().doesNotHaveDuplicates();
            assertThat(settledIds.length + SettledUsers.countNotIn(settledIds, liveIds)).isEqualTo(union.size());
        }
    }
}
