package dev.streamcart.analytics.sales;

import java.util.Map;
import java.util.TreeMap;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the payments and splits each paid order into one {@link CategorySale} per category it
 * has lines in (units and revenue summed over that category's lines). Other order events end
 * here: they have done their job of moving the watermark on.
 */
final class PaidOrderSplitter implements FlatMapFunction<OrderEventFacts, CategorySale> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(OrderEventFacts event, Collector<CategorySale> out) {
        if (!event.isPayment()) {
            return;
        }
        // TreeMap: contributions leave in category order, so a replay emits exactly the same sequence
        Map<Long, long[]> unitsAndRevenueByCategory = new TreeMap<>();
        for (OrderEventFacts.SaleLine line : event.lines()) {
            long[] totals = unitsAndRevenueByCategory.computeIfAbsent(line.categoryId(), id -> new long[2]);
            totals[0] += line.quantity();
            totals[1] = Math.addExact(totals[1], Math.multiplyExact(line.quantity(), line.unitPriceCents()));
        }
        unitsAndRevenueByCategory.forEach((categoryId, totals) ->
                out.collect(new CategorySale(categoryId, event.orderId(), totals[0], totals[1], event.occurredAtMillis())));
    }
}
