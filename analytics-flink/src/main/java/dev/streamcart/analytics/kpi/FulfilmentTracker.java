package dev.streamcart.analytics.kpi;

import java.time.Duration;

import dev.streamcart.analytics.sales.OrderEventFacts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code order_fulfilment}: per order (keyed by order id), the commit times of ORDER_PAID,
 * ORDER_SHIPPED and ORDER_DELIVERED; a row each time a step becomes known once the order is paid,
 * with version = steps known, so the row only ever grows and a replay rewrites the same rows.
 * A step seen twice keeps its first time. State is dropped once delivered (nothing can change
 * any more), and otherwise expires after a time-to-live (orders that never ship).
 */
final class FulfilmentTracker extends KeyedProcessFunction<Long, OrderEventFacts, KpiRow> {

    private static final long serialVersionUID = 1L;

    private final Duration timeToLive;
    private transient ValueState<FulfilmentTimes> times;

    FulfilmentTracker(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<FulfilmentTimes> descriptor =
                new ValueStateDescriptor<>("fulfilment-times", TypeInformation.of(FulfilmentTimes.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(timeToLive).build());
        times = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(OrderEventFacts event, Context context, Collector<KpiRow> out) throws Exception {
        FulfilmentTimes known = times.value() == null ? FulfilmentTimes.NONE : times.value();
        FulfilmentTimes updated = next(known, event);
        if (updated.equals(known)) {
            return;
        }
        if (updated.paidAtMillis() > 0) {
            out.collect(row(event.orderId(), updated));
        }
        if (updated.stepsKnown() == 3) {
            times.clear();
        } else {
            times.update(updated);
        }
    }

    static FulfilmentTimes next(FulfilmentTimes known, OrderEventFacts event) {
        long at = event.occurredAtMillis();
        return switch (event.type()) {
            case ORDER_PAID -> known.paidAtMillis() > 0 ? known
                    : new FulfilmentTimes(at, known.shippedAtMillis(), known.deliveredAtMillis());
            case ORDER_SHIPPED -> known.shippedAtMillis() > 0 ? known
                    : new FulfilmentTimes(known.paidAtMillis(), at, known.deliveredAtMillis());
            case ORDER_DELIVERED -> known.deliveredAtMillis() > 0 ? known
                    : new FulfilmentTimes(known.paidAtMillis(), known.shippedAtMillis(), at);
            default -> known;
        };
    }

    static KpiRow row(long orderId, FulfilmentTimes times) {
        return new KpiRow(KpiTable.ORDER_FULFILMENT, new long[] {orderId, times.paidAtMillis() / 1000,
                times.shippedAtMillis() / 1000, times.deliveredAtMillis() / 1000}, new String[0], times.stepsKnown());
    }
}
