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
 * partition.
 *
 * <p>A partition without events for the idle timeout lets its event time run on with the clock
 * from its newest event, because event time here is commit time: otherwise, when the shop goes
 * quiet, the last minute would never be final and the dashboard would never show its full
 * revenue. It runs on from the newest event, and on the source's input-activity clock (which
 * stops while the job is back-pressured), never jumping to the wall clock: a partition starved
 * for a moment while the job works through a backlog hours old would otherwise declare that whole
 * backlog later than the allowed lateness, and its revenue would be dropped (a 1M-order seed lost
 * 6.5M events that way). A partition that has never had an event is marked idle instead, so it
 * holds nobody back and pushes nobody forward. A payment that still arrives later updates its
 * window through the allowed lateness.
 *
 * <p>Both topics' sources are kept within {@code maxDrift} of each other in event time (Flink's
 * watermark alignment, which pauses the partitions ahead). Working through a backlog, the KPI
 * windows close at the slower topic's event time: there are 2.7 clicks per order event, so
 * unaligned, {@code order-events} ran 20 hours of event time ahead of {@code clickstream} in the
 * large seed, and every minute in between stayed open in state (millions of windows and timers).
 * A partition idle for {@link #CAUGHT_UP_AFTER} on the activity clock has caught up rather than
 * been starved (a starved one gets records within a fetch), and is marked idle: its last minute is
 * final by then, and it no longer holds the other topic back, should that topic's events still flow.
 */
public final class OrderEventWatermarks {

    /** Idle this long on the activity clock, a partition with events is taken to have caught up. */
    static final Duration CAUGHT_UP_AFTER = Duration.ofMinutes(2);
    /** Sources that keep their event times within the drift of each other. */
    private static final String ALIGNMENT_GROUP = "streamcart-event-time";
    /**
     * How often the sources learn the group's event time: a source paused for drift resumes only at
     * the next announcement, and at 1 s a backlog of 200k events took 15 s instead of 9 s.
     */
    private static final Duration ALIGNMENT_UPDATE_INTERVAL = Duration.ofMillis(200);

    private OrderEventWatermarks() {}

    static WatermarkStrategy<OrderEventFacts> strategy(Duration outOfOrderness, Duration idleTimeout, Duration maxDrift) {
        return strategy(outOfOrderness, idleTimeout, maxDrift, (event, kafkaTimestamp) -> event.occurredAtMillis());
    }

    /** The same watermarks for any event stream (the clickstream too), with its own event time. */
    public static <T> WatermarkStrategy<T> strategy(Duration outOfOrderness, Duration idleTimeout, Duration maxDrift,
            SerializableTimestampAssigner<T> eventTime) {
        return WatermarkStrategy.<T>forGenerator(context -> new ClockFollowingWatermarks<T>(outOfOrderness, idleTimeout,
                        context.getInputActivityClock()::relativeTimeMillis, System::currentTimeMillis))
                .withTimestampAssigner(eventTime)
                .withWatermarkAlignment(ALIGNMENT_GROUP, maxDrift, ALIGNMENT_UPDATE_INTERVAL);
    }

    /** Bounded out-of-orderness while events flow; the newest event plus the idle time, while idle. */
    static final class ClockFollowingWatermarks<T> implements WatermarkGenerator<T> {

        private final long outOfOrdernessMillis;
        private final long idleMillis;
        private final long caughtUpMillis;
        private final LongSupplier activityClock;
        private final LongSupplier wallClock;
        private long maxTimestamp = Long.MIN_VALUE;
        private long lastEventAt;
        private long lastEmitted = Long.MIN_VALUE;
        private boolean idle;

        /**
         * @param activityClock time that passes only while the input could be read (Flink's
         *     input-activity clock); measures idleness and how far an idle partition moves on
         * @param wallClock epoch milliseconds; an idle partition never moves past it
         */
        ClockFollowingWatermarks(Duration outOfOrderness, Duration idleTimeout, LongSupplier activityClock,
                LongSupplier wallClock) {
            this.outOfOrdernessMillis = outOfOrderness.toMillis();
            this.idleMillis = idleTimeout.toMillis();
            this.caughtUpMillis = Math.max(CAUGHT_UP_AFTER.toMillis(), idleMillis);
            this.activityClock = activityClock;
            this.wallClock = wallClock;
            this.lastEventAt = activityClock.getAsLong();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            lastEventAt = activityClock.getAsLong();
            if (idle) {
                idle = false;
                output.markActive();
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (idle) {
                return; // a watermark would mark it active again; its next event does
            }
            long idleFor = activityClock.getAsLong() - lastEventAt;
            if (maxTimestamp == Long.MIN_VALUE) {
                if (idleFor >= idleMillis && !idle) {
                    idle = true;
                    output.markIdle();
                }
                return;
            }
            long eventTime = maxTimestamp;
            if (idleFor >= idleMillis) {
                eventTime = Math.max(eventTime, Math.min(maxTimestamp + idleFor, wallClock.getAsLong()));
            }
            long candidate = eventTime - outOfOrdernessMillis - 1;
            if (candidate > lastEmitted) {
                lastEmitted = candidate;
                output.emitWatermark(new Watermark(candidate));
            }
            if (idleFor >= caughtUpMillis) {
                idle = true;
                output.markIdle();
            }
        }
    }
}
