package dev.streamcart.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

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
}
