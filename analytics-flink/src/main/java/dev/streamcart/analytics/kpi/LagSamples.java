package dev.streamcart.analytics.kpi;

import dev.streamcart.analytics.sales.OrderEventFacts;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The lag samples of an event: CDC lag for order events, this job's own lag for every event. */
final class LagSamples {

    private LagSamples() {}

    static final class OfOrders implements FlatMapFunction<OrderEventFacts, LagSample> {

        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(OrderEventFacts event, Collector<LagSample> out) {
            out.collect(new LagSample(LagSample.CDC, event.recordTimestampMillis() - event.occurredAtMillis()));
            out.collect(new LagSample(LagSample.ANALYTICS, event.decodedAtMillis() - event.recordTimestampMillis()));
        }
    }

    static final class OfClicks implements FlatMapFunction<ClickFacts, LagSample> {

        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ClickFacts click, Collector<LagSample> out) {
            out.collect(new LagSample(LagSample.ANALYTICS, click.decodedAtMillis() - click.recordTimestampMillis()));
        }
    }
}
