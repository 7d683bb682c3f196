package dev.streamcart.analytics.sales;

import java.time.Duration;

import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Flink's {@code ContinuousEventTimeTrigger}, early firings only for live minutes: a window fires
 * every {@code interval} of event time while it is open, at its end, and again for each late
 * element within the allowed lateness; but only windows whose events are within {@code horizon}
 * of the wall clock fire early.
 *
 * <p>Early rows are for the live dashboard. Working through a backlog (a restart after an outage,
 * the replay of a seeded history), event time races through each minute in a fraction of a second
 * and every early firing would re-read the window's state and rewrite its row about sixty times for
 * nothing: there, a minute gets its final row (and late rows) only. The final rows are the same
 * either way. Its state ({@code fire-time}, the earliest pending early firing) is the same as the
 * Flink trigger's, so state from jobs that ran that trigger restores into this one.
 */
public final class LiveEarlyFiringTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private final long horizonMillis;
    private final ReducingStateDescriptor<Long> fireTimeDescriptor =
            new ReducingStateDescriptor<>("fire-time", new Earliest(), LongSerializer.INSTANCE);

    private LiveEarlyFiringTrigger(Duration interval, Duration horizon) {
        this.intervalMillis = interval.toMillis();
        this.horizonMillis = horizon.toMillis();
        if (intervalMillis <= 0 || horizonMillis <= 0) {
            throw new IllegalArgumentException("interval and horizon must be positive");
        }
    }

    /**
     * @param interval event time between two early firings of a window
     * @param horizon  how far behind the wall clock an element may be for its window to fire early
     */
    public static LiveEarlyFiringTrigger of(Duration interval, Duration horizon) {
        return new LiveEarlyFiringTrigger(interval, horizon);
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE; // a late element within the allowed lateness
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
        if (fireTime.get() == null && isLive(timestamp)) {
            scheduleNext(timestamp - (timestamp % intervalMillis), window, ctx, fireTime);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time == window.maxTimestamp()) {
            return TriggerResult.FIRE;
        }
        ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
        Long scheduled = fireTime.get();
        if (scheduled == null || scheduled != time) {
            return TriggerResult.CONTINUE;
        }
        fireTime.clear();
        if (!isLive(time)) {
            // caught in a backlog after all: the next element of a live minute schedules again
            return TriggerResult.CONTINUE;
        }
        scheduleNext(time, window, ctx, fireTime);
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
        Long scheduled = fireTime.get();
        if (scheduled != null) {
            ctx.deleteEventTimeTimer(scheduled);
            fireTime.clear();
        }
    }

    private boolean isLive(long eventTime) {
        return eventTime >= System.currentTimeMillis() - horizonMillis;
    }

    private void scheduleNext(long from, TimeWindow window, TriggerContext ctx, ReducingState<Long> fireTime)
            throws Exception {
        long next = Math.min(from + intervalMillis, window.maxTimestamp());
        fireTime.add(next);
        ctx.registerEventTimeTimer(next);
    }

    @Override
    public String toString() {
        return "LiveEarlyFiringTrigger(" + intervalMillis + " ms within " + horizonMillis + " ms of now)";
    }

    private static final class Earliest implements ReduceFunction<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long reduce(Long a, Long b) {
            return Math.min(a, b);
        }
    }
}
