package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class OrderEventWatermarksTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RecordingOutput output = new RecordingOutput();
    private final OrderEventWatermarks.ClockFollowingWatermarks<OrderEventFacts> generator = new OrderEventWatermarks.ClockFollowingWatermarks<>(
            Duration.ofSeconds(5), Duration.ofSeconds(10), clock::get);

    @Test
    void trailsTheNewestEventWhileEventsFlow() {
        generator.onEvent(null, 1_000_000, output);
        generator.onEvent(null, 990_000, output);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(1_000_000 - 5_000 - 1);
    }

    @Test
    void followsTheWallClockOnceIdleSoTheLastMinuteBecomesFinal() {
        generator.onEvent(null, 1_000_000, output);
        clock.addAndGet(9_999);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(1_000_000 - 5_001);
        clock.addAndGet(60_000);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(clock.get() - 5_001);
    }

    @Test
    void neverMovesBackwardsWhenAnOlderEventArrivesAfterIdling() {
        clock.addAndGet(120_000);
        generator.onPeriodicEmit(output);
        long idleWatermark = output.last();
        generator.onEvent(null, 1_000_000, output);
        generator.onPeriodicEmit(output);
        assertThat(output.watermarks).allMatch(w -> w <= idleWatermark);
        assertThat(output.last()).isEqualTo(idleWatermark);
    }

    private static final class RecordingOutput implements WatermarkOutput {
        private final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
