package dev.streamcart.analytics.sales;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the sales job: an order event's {@code occurredAt} (its commit time in
 * PostgreSQL). The watermark trails the newest event by a bounded out-of-orderness, per Kafka
 * partition. A partition without events for the idle timeout lets its watermark follow the wall
 * clock instead (minus the same bound), because event time here is commit time: otherwise, when
 * the shop goes quiet, the last minute would never be final and the dashboard would never show
 * its full revenue. A payment that still arrives later updates its window through the allowed
 * lateness.
 */
public final class OrderEventWatermarks {

    private OrderEventWatermarks() {}

    static WatermarkStrategy<OrderEventFacts> strategy(Duration outOfOrderness, Duration idleTimeout) {
        return strategy(outOfOrderness, idleTimeout, (event, kafkaTimestamp) -> event.occurredAtMillis());
    }

    /** The same watermarks for any event stream (the clickstream too), with its own event time. */
    public static <T> WatermarkStrategy<T> strategy(Duration outOfOrderness, Duration idleTimeout,
            SerializableTimestampAssigner<T> eventTime) {
        return WatermarkStrategy.<T>forGenerator(context ->
                        new ClockFollowingWatermarks<T>(outOfOrderness, idleTimeout, System::currentTimeMillis))
                .withTimestampAssigner(eventTime);
    }

    /** Bounded out-of-orderness while events flow; the wall clock, minus that bound, while idle. */
    static final class ClockFollowingWatermarks<T> implements WatermarkGenerator<T> {

        private final long outOfOrdernessMillis;
        private final long idleMillis;
        private final LongSupplier clock;
        private long maxTimestamp = Long.MIN_VALUE;
        private long lastEventAt;
        private long lastEmitted = Long.MIN_VALUE;

        ClockFollowingWatermarks(Duration outOfOrderness, Duration idleTimeout, LongSupplier clock) {
            this.outOfOrdernessMillis = outOfOrderness.toMillis();
            this.idleMillis = idleTimeout.toMillis();
            this.clock = clock;
            this.lastEventAt = clock.getAsLong();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            lastEventAt = clock.getAsLong();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = clock.getAsLong();
            long candidate = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrdernessMillis - 1;
            if (now - lastEventAt >= idleMillis) {
                candidate = Math.max(candidate, now - outOfOrdernessMillis - 1);
            }
            if (candidate > lastEmitted) {
                lastEmitted = candidate;
                output.emitWatermark(new Watermark(candidate));
            }
        }
    }
}
