package dev.streamcart.analytics.kpi;

import java.time.Duration;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first delivery of each event id through and drops repeats. Debezium and Kafka deliver
 * at least once (a CDC restart re-sends the tail of the outbox), and the KPIs sum events, so a
 * repeat would count twice. Keyed by event id; an id is remembered for a time-to-live, which must
 * exceed how far apart a repeat can arrive (a CDC restart: seconds to minutes). Output timestamps
 * are the input's, so event time is untouched.
 */
final class FirstDelivery<T> extends KeyedProcessFunction<String, T, T> {

    private static final long serialVersionUID = 1L;

    private final Duration timeToLive;
    private transient ValueState<Boolean> seen;

    FirstDelivery(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(timeToLive)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(T event, Context context, Collector<T> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            out.collect(event);
        }
    }
}
