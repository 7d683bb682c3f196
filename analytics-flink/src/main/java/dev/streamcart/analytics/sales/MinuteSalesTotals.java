package dev.streamcart.analytics.sales;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Totals of one category's one-minute window, computed each time the window fires (early
 * firings, the end of the minute, and again for every late payment within the allowed lateness).
 *
 * <p>Contributions are counted once per order, so an event delivered twice (CDC and Kafka are
 * at-least-once) is not counted twice. The row's version is the number of distinct orders counted:
 * it grows exactly when the content grows, a replay of the same events yields the same version
 * for the same content, and ReplacingMergeTree keeps the row with the most orders. A firing that
 * found nothing new since the previous one emits nothing.
 */
final class MinuteSalesTotals extends ProcessWindowFunction<CategorySale, SalesRow, Long, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<Long> LAST_EMITTED_VERSION =
            new ValueStateDescriptor<>("last-emitted-version", Types.LONG);

    @Override
    public void process(Long categoryId, Context context, Iterable<CategorySale> sales, Collector<SalesRow> out)
            throws Exception {
        Map<Long, CategorySale> firstByOrder = new HashMap<>();
        for (CategorySale sale : sales) {
            firstByOrder.putIfAbsent(sale.orderId(), sale);
        }
        long units = 0;
        long revenueCents = 0;
        for (CategorySale sale : firstByOrder.values()) {
            units += sale.units();
            revenueCents = Math.addExact(revenueCents, sale.revenueCents());
        }
        long version = firstByOrder.size();
        ValueState<Long> lastEmitted = context.windowState().getState(LAST_EMITTED_VERSION);
        Long previous = lastEmitted.value();
        if (previous != null && previous == version) {
            return;
        }
        lastEmitted.update(version);
        out.collect(new SalesRow(context.window().getStart() / 1000, categoryId, firstByOrder.size(), units,
                revenueCents, version));
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(LAST_EMITTED_VERSION).clear();
    }
}
