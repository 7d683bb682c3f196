package dev.streamcart.analytics.kpi;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's sum into its row each time the window fires (early firings, the end of the
 * minute, every late event within the allowed lateness). The version is the number of facts
 * summed: it grows exactly when the row grows (events are deduplicated upstream), a replay of the
 * same events yields the same version for the same content, and ReplacingMergeTree keeps the row
 * with the most facts. A firing that found nothing new emits nothing.
 */
final class MinuteRows extends ProcessWindowFunction<MinuteSum, KpiRow, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<Long> LAST_EMITTED_VERSION =
            new ValueStateDescriptor<>("last-emitted-version", Types.LONG);

    @Override
    public void process(String rowKey, Context context, Iterable<MinuteSum> sums, Collector<KpiRow> out) throws Exception {
        MinuteSum sum = sums.iterator().next();
        ValueState<Long> lastEmitted = context.windowState().getState(LAST_EMITTED_VERSION);
        Long previous = lastEmitted.value();
        if (sum.table == null || (previous != null && previous == sum.facts)) {
            return;
        }
        lastEmitted.update(sum.facts);
        out.collect(sum.row(context.window().getStart() / 1000));
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(LAST_EMITTED_VERSION).clear();
    }
}
