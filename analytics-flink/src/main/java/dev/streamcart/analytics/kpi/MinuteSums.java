package dev.streamcart.analytics.kpi;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums a window's facts as they arrive, so a window keeps one {@link MinuteSum}, not its events. */
final class MinuteSums implements AggregateFunction<MinuteFact, MinuteSum, MinuteSum> {

    private static final long serialVersionUID = 1L;

    @Override
    public MinuteSum createAccumulator() {
        return new MinuteSum();
    }

    @Override
    public MinuteSum add(MinuteFact fact, MinuteSum sum) {
        sum.add(fact);
        return sum;
    }

    @Override
    public MinuteSum getResult(MinuteSum sum) {
        return sum;
    }

    @Override
    public MinuteSum merge(MinuteSum a, MinuteSum b) {
        a.addAll(b);
        return a;
    }
}
