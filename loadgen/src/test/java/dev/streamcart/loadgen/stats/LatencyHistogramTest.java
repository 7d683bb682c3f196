package dev.streamcart.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentile(99)).isEqualTo(Duration.ZERO);
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int micros = 1; micros <= 100; micros++) {
            histogram.recordMicros(micros);
        }

        assertThat(histogram.percentile(50)).isEqualTo(Duration.ofNanos(50_000));
        assertThat(histogram.percentile(99)).isEqualTo(Duration.ofNanos(99_000));
        assertThat(histogram.percentile(100)).isEqualTo(Duration.ofNanos(100_000));
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinTwoPercent() {
        LatencyHistogram histogram = new LatencyHistogram();
        List<Integer> millis = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            millis.add(i);
        }
        Collections.shuffle(millis, new Random(3));
        millis.forEach(value -> histogram.record(Duration.ofMillis(value)));

        assertThat(histogram.count()).isEqualTo(1000);
        assertThat(histogram.percentile(50).toNanos() / 1e6).isCloseTo(500, within(10.0));
        assertThat(histogram.percentile(99).toNanos() / 1e6).isCloseTo(990, within(19.8));
    }

    @Test
    void tailIsSeenEvenWhenRare() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 980; i++) {
            histogram.record(Duration.ofMillis(5));
        }
        for (int i = 0; i < 20; i++) {
            histogram.record(Duration.ofSeconds(2));
        }

        assertThat(histogram.percentile(50).toNanos() / 1e6).isCloseTo(5, within(0.1));
        assertThat(histogram.percentile(99).toNanos() / 1e6).isCloseTo(2000, within(40.0));
    }

    @Test
    void everyBucketHoldsTheValuesItCovers() {
        for (long micros = 0; micros < 5_000_000; micros += 37) {
            int index = LatencyHistogram.indexOf(micros);
            assertThat(LatencyHistogram.upperEdgeOf(index)).isGreaterThanOrEqualTo(micros);
            if (index > 0) {
                assertThat(LatencyHistogram.upperEdgeOf(index - 1)).isLessThan(micros);
            }
        }
    }

    @Test
    void intervalSummariesStartAfreshWhileTheRunKeepsEverything() {
        CheckoutLatencies latencies = new CheckoutLatencies();
        latencies.record(Duration.ofMillis(10));
        latencies.record(Duration.ofMillis(20));

        LatencySummary first = latencies.takeInterval();
        latencies.record(Duration.ofMillis(300));
        LatencySummary second = latencies.takeInterval();

        assertThat(first.count()).isEqualTo(2);
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.p50().toMillis()).isBetween(296L, 304L);
        assertThat(latencies.wholeRun().count()).isEqualTo(3);
        assertThat(latencies.takeInterval()).isEqualTo(LatencySummary.EMPTY);
    }
}
