package dev.streamcart.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LagHistogramTest {

    @Test
    void everyLagFallsInABucketWhoseUpperBoundIsAtMostOneSixtyFourthAbove() {
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long lag = random.nextInt(5) == 0 ? random.nextInt(200) : (long) Math.exp(random.nextDouble() * 28);
            int bucket = LagHistogram.bucketOf(lag);
            assertThat(bucket).isBetween(0, LagHistogram.BUCKETS - 1);
            assertThat(LagHistogram.upperBoundOf(bucket)).isBetween(lag, lag + lag / 64 + 1);
            if (bucket > 0) {
                assertThat(LagHistogram.upperBoundOf(bucket - 1)).isLessThan(lag);
            }
        }
    }

    @Test
    void quantilesAreNearestRankAndMaxIsExact() {
        LagHistogram histogram = new LagHistogram();
        LongStream.rangeClosed(1, 100).forEach(histogram::add);
        assertThat(histogram.events).isEqualTo(100);
        assertThat(histogram.quantile(0.5)).isEqualTo(50);
        assertThat(histogram.quantile(0.99)).isEqualTo(99);
        assertThat(histogram.maxMillis).isEqualTo(100);
    }

    @Test
    void negativeLagsFromClockSkewCountAsZeroAndHugeOnesAreCapped() {
        LagHistogram histogram = new LagHistogram();
        histogram.add(-5);
        histogram.add(Long.MAX_VALUE);
        assertThat(histogram.quantile(0.5)).isZero();
        assertThat(histogram.quantile(1)).isEqualTo(histogram.maxMillis).isPositive();
    }

    @Test
    void mergedHistogramsCountBoth() {
        LagHistogram a = new LagHistogram();
        LagHistogram b = new LagHistogram();
        a.add(10);
        b.add(1000);
        a.addAll(b);
        assertThat(a.events).isEqualTo(2);
        assertThat(a.maxMillis).isEqualTo(1000);
        assertThat(a.quantile(0.5)).isEqualTo(10);
    }

    @Test
    void onlyTheBucketsThatHoldSamplesAreKeptAndQuantilesMatchTheSortedSamples() {
        Random random = new Random(7);
        LagHistogram histogram = new LagHistogram();
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long lag = random.nextInt(100) == 0 ? random.nextInt(3_600_000) : 20 + random.nextInt(400);
            lags.add(lag);
            histogram.add(lag);
        }
        Collections.sort(lags);
        for (double q : new double[] {0.5, 0.9, 0.99, 1}) {
            long exact = lags.get((int) Math.ceil(q * lags.size()) - 1);
            assertThat(histogram.quantile(q)).as("q=" + q)
                    .isEqualTo(Math.min(LagHistogram.upperBoundOf(LagHistogram.bucketOf(exact)), lags.get(lags.size() - 1)));
        }
        long distinctBuckets = lags.stream().map(LagHistogram::bucketOf).distinct().count();
        assertThat(histogram.buckets).hasSize((int) distinctBuckets).isSorted();
        assertThat(distinctBuckets).isLessThan(LagHistogram.BUCKETS / 4);
    }

    @Test
    void aDenseHistogramOfAnEarlierReleaseIsReadAndKeepsCounting() {
        LagHistogram restored = new LagHistogram();
        restored.buckets = null;
        restored.counts = new long[LagHistogram.BUCKETS];
        restored.counts[LagHistogram.bucketOf(10)] = 3;
        restored.counts[LagHistogram.bucketOf(5_000)] = 1;
        restored.events = 4;
        restored.maxMillis = 5_000;

        restored.add(10);

        assertThat(restored.events).isEqualTo(5);
        assertThat(restored.quantile(0.8)).isEqualTo(10);
        assertThat(restored.quantile(1)).isEqualTo(5_000);
        assertThat(restored.buckets).containsExactly(LagHistogram.bucketOf(10), LagHistogram.bucketOf(5_000));
    }
}
