package dev.streamcart.analytics.kpi;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** {@code pipeline_lag_per_minute}: one histogram per (minute, stage), a row per firing with new samples. */
final class LagRows {

    private LagRows() {}

    static final class Histograms implements AggregateFunction<LagSample, LagHistogram, LagHistogram> {

        private static final long serialVersionUID = 1L;

        @Override
        public LagHistogram createAccumulator() {
            return new LagHistogram();
        }

        @Override
        public LagHistogram add(LagSample sample, LagHistogram histogram) {
            histogram.add(sample.lagMillis());
            return histogram;
        }

        @Override
        public LagHistogram getResult(LagHistogram histogram) {
            return histogram;
        }

        @Override
        public LagHistogram merge(LagHistogram a, LagHistogram b) {
            a.addAll(b);
            return a;
        }
    }

    /** Version = samples counted, as for the other per-minute rows. */
    static final class Emitter extends ProcessWindowFunction<LagHistogram, KpiRow, String, TimeWindow> {

        private static final long serialVersionUID = 1L;

        private static final ValueStateDescriptor<Long> LAST_EMITTED_VERSION =
                new ValueStateDescriptor<>("last-emitted-version", Types.LONG);

        @Override
        public void process(String stage, Context context, Iterable<LagHistogram> histograms, Collector<KpiRow> out)
                throws Exception {
            LagHistogram histogram = histograms.iterator().next();
            ValueState<Long> lastEmitted = context.windowState().getState(LAST_EMITTED_VERSION);
            Long previous = lastEmitted.value();
            if (histogram.events == 0 || (previous != null && previous == histogram.events)) {
                return;
            }
            lastEmitted.update(histogram.events);
            out.collect(new KpiRow(KpiTable.PIPELINE_LAG,
                    new long[] {context.window().getStart() / 1000, histogram.events, histogram.quantile(0.5),
                            histogram.quantile(0.99), histogram.maxMillis},
                    new String[] {stage}, histogram.events));
        }

        @Override
        public void clear(Context context) {
            context.windowState().getState(LAST_EMITTED_VERSION).clear();
        }
    }
}
