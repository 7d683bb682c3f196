package dev.streamcart.analytics.sales;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;

/** The per-minute, per-category totals a set of order events must produce, computed the plain way. */
final class ExpectedSales {

    private record MinuteAndCategory(long minuteEpochSecond, long categoryId) implements Comparable<MinuteAndCategory> {
        @Override
        public int compareTo(MinuteAndCategory other) {
            int byMinute = Long.compare(minuteEpochSecond, other.minuteEpochSecond);
            return byMinute != 0 ? byMinute : Long.compare(categoryId, other.categoryId);
        }
    }

    private final TreeMap<MinuteAndCategory, long[]> totals = new TreeMap<>();
    private final Set<Long> countedOrders = new HashSet<>();

    void add(OrderEvent event) {
        if (event.getType() != OrderEventType.ORDER_PAID || !countedOrders.add(event.getOrderId())) {
            return;
        }
        long minute = event.getOccurredAt().getEpochSecond() / 60 * 60;
        Set<Long> categoriesOfOrder = new HashSet<>();
        for (OrderLine line : event.getItems()) {
            long[] sums = totals.computeIfAbsent(new MinuteAndCategory(minute, line.getCategoryId()), key -> new long[3]);
            if (categoriesOfOrder.add(line.getCategoryId())) {
                sums[0]++;
            }
            sums[1] += line.getQuantity();
            sums[2] += line.getQuantity() * line.getUnitPriceCents();
        }
    }

    /** Rows as ClickHouse prints them: minute (epoch seconds), category, orders, units, revenue cents. */
    List<List<String>> rows() {
        return rows(Long.MAX_VALUE);
    }

    /** The rows of the minutes before {@code closedBefore} (epoch seconds). */
    List<List<String>> rows(long closedBefore) {
        List<List<String>> rows = new ArrayList<>();
        totals.headMap(new MinuteAndCategory(closedBefore, Long.MIN_VALUE)).forEach((key, sums) -> rows.add(List.of(Long.toString(key.minuteEpochSecond()),
                Long.toString(key.categoryId()), Long.toString(sums[0]), Long.toString(sums[1]), Long.toString(sums[2]))));
        return rows;
    }
}
