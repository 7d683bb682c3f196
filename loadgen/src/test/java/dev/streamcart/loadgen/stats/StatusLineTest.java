package dev.streamcart.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static TrafficTotals totals(long placed, long paid, long declined, long serverErrors, long unexpected) {
        return new TrafficTotals(100, 300, placed, paid, declined, 2, 3, serverErrors, 1, unexpected, 4, 0, 5, 40, placed / 2,
                1, 7);
    }

    @Test
    void intervalLineShowsTheRateOverTheIntervalAndTheRunningCounters() {
        String line = StatusLine.interval(Duration.ofSeconds(35), Duration.ofSeconds(5), totals(100, 0, 0, 0, 0),
                totals(125, 110, 6, 2, 0), new LatencySummary(25, Duration.ofMillis(12), Duration.ofMillis(48)));

        assertThat(line).isEqualTo("loadgen     35s orders/s=5.0 placed=125 paid=110 declined=6 cancelled=2 409s=3"
                + " cart=62 searches=40 reviews=7 errors=3 checkout p50=12ms p99=48ms");
    }

    @Test
    void intervalLineMentionsUnexpectedAnswersOnlyWhenThereAreSome() {
        String line = StatusLine.interval(Duration.ofSeconds(5), Duration.ofSeconds(5), totals(0, 0, 0, 0, 0),
                totals(10, 10, 0, 0, 7), LatencySummary.EMPTY);

        assertThat(line).contains(" unexpected=7 ").contains("p50=0.0ms");
    }

    @Test
    void totalsLineCoversTheWholeRun() {
        String line = StatusLine.totals(Duration.ofSeconds(10), totals(50, 45, 3, 0, 0),
                new LatencySummary(50, Duration.ofNanos(2_500_000), Duration.ofMillis(31)));

        assertThat(line).startsWith("loadgen totals: elapsed=10s sessions=100 views=300 placed=50 orders/s=5.00 paid=45")
                .contains("declined=3 cancelled=2 409s=3 errors=1 (5xx=0 io=1)")
                .contains("restocks=5 searches=40 cart=25 price-changes=1 reviews=7")
                .endsWith("checkout p50=2.5ms p99=31ms");
    }
}
