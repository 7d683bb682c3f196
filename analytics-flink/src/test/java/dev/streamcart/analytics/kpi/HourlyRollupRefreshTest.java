package dev.streamcart.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class HourlyRollupRefreshTest {

    @Test
    void consecutiveHoursAreRecomputedAsOneRange() {
        List<long[]> runs = HourlyRollupRefresh.runs(new TreeSet<>(List.of(0L, 3_600L, 7_200L, 18_000L, 25_200L, 28_800L)));

        assertThat(runs).containsExactly(new long[] {0, 10_800}, new long[] {18_000, 21_600},
                new long[] {25_200, 32_400});
    }

    @Test
    void noHoursNoRanges() {
        assertThat(HourlyRollupRefresh.runs(new TreeSet<>())).isEmpty();
    }
}
