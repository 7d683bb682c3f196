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

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final AtomicLong activityClock = new AtomicLong(5_000);
    private final AtomicLong wallClock = new AtomicLong(10 * HOUR);
    private final RecordingOutput output = new RecordingOutput();
    private final OrderEventWatermarks.ClockFollowingWatermarks<OrderEventFacts> generator = new OrderEventWatermarks.ClockFollowingWatermarks<>(
            Duration.ofSeconds(5), Duration.ofSeconds(10), activityClock::get, wallClock::get);

    @Test
    void trailsTheNewestEventWhileEventsFlow() {
        generator.onEvent(null, 1_000_000, output);
        generator.onEvent(null, 990_000, output);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(1_000_000 - 5_000 - 1);
    }

    @Test
    void runsOnWithTheClockFromTheNewestEventOnceIdleSoTheLastMinuteBecomesFinal() {
        long newest = wallClock.get() - 300;
        generator.onEvent(null, newest, output);
        elapse(9_999);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(newest - 5_001);
        elapse(60_000);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(newest + 69_999 - 5_001);
    }

    @Test
    void aPartitionStarvedDuringABacklogMovesOnOnlyByTheTimeItWaitedNotToTheWallClock() {
        // the job is reading events committed two hours ago; this partition gets none for 30 s
        long backlogEvent = wallClock.get() - 2 * HOUR;
        generator.onEvent(null, backlogEvent, output);
        elapse(30_000);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(backlogEvent + 30_000 - 5_001);
        // its next event, committed just after the last one, is within any allowed lateness of minutes
        assertThat(backlogEvent + 1_000 - output.last()).isLessThan(Duration.ofMinutes(1).toMillis());
    }

    @Test
    void timeTheInputWasBackPressuredDoesNotCountAsIdle() {
        long newest = wallClock.get() - HOUR;
        generator.onEvent(null, newest, output);
        wallClock.addAndGet(10 * 60_000);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(newest - 5_001);
    }

    @Test
    void neverMovesPastTheWallClock() {
        long newest = wallClock.get() - 1_000;
        generator.onEvent(null, newest, output);
        activityClock.addAndGet(HOUR);
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(wallClock.get() - 5_001);
    }

    @Test
    void aPartitionWithoutAnyEventIsIdleInsteadOfJumpingToTheWallClock() {
        elapse(10_000);
        generator.onPeriodicEmit(output);
        assertThat(output.watermarks).isEmpty();
        assertThat(output.idle).isTrue();
        generator.onEvent(null, 1_000_000, output);
        assertThat(output.idle).isFalse();
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(1_000_000 - 5_001);
    }

    @Test
    void neverMovesBackwardsWhenAnOlderEventArrivesAfterIdling() {
        generator.onEvent(null, 1_000_000, output);
        elapse(120_000);
        generator.onPeriodicEmit(output);
        long idleWatermark = output.last();
        generator.onEvent(null, 1_000_000, output);
        generator.onPeriodicEmit(output);
        assertThat(output.watermarks).allMatch(w -> w <= idleWatermark);
        assertThat(output.last()).isEqualTo(idleWatermark);
    }

    @Test
    void aPartitionIdleForTwoMinutesHasCaughtUpAndNoLongerHoldsAnyoneBackUntilItsNextEvent() {
        long newest = wallClock.get() - HOUR;
        generator.onEvent(null, newest, output);
        elapse(OrderEventWatermarks.CAUGHT_UP_AFTER.toMillis() - 1);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("idle, but maybe only starved: still counted").isFalse();
        elapse(1);
        generator.onPeriodicEmit(output);
        long lastBeforeIdle = output.last();
        assertThat(lastBeforeIdle).as("its last minute is final").isEqualTo(newest + 120_000 - 5_001);
        assertThat(output.idle).isTrue();

        elapse(60_000);
        generator.onPeriodicEmit(output);
        assertThat(output.idle).as("no watermark that would count it again").isTrue();
        assertThat(output.last()).isEqualTo(lastBeforeIdle);

        generator.onEvent(null, newest + 200_000, output);
        assertThat(output.idle).isFalse();
        generator.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(newest + 200_000 - 5_001);
    }

    private void elapse(long millis) {
        activityClock.addAndGet(millis);
        wallClock.addAndGet(millis);
    }

    private static final class RecordingOutput implements WatermarkOutput {
        private final List<Long> watermarks = new ArrayList<>();
        private boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            idle = false;
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }
}
