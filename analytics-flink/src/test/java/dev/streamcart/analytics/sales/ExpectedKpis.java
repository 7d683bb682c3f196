package dev.streamcart.analytics.sales;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;

/**
 * The rows every KPI table must hold for a set of events, computed the plain way (one map of
 * sums per table, keyed by the table's key columns as ClickHouse prints them), independently of
 * the job's code. Redelivered events (same event id) count once.
 */
final class ExpectedKpis {

    private final Set<String> seen = new HashSet<>();
    private final Map<String, Map<List<String>, long[]>> sums = new HashMap<>();
    private final Map<Long, long[]> fulfilment = new TreeMap<>();
    private final Map<List<String>, List<Long>> cdcLags = new HashMap<>();
    private final Map<List<String>, long[]> lagEvents = new HashMap<>();

    /** An order event, sent with Kafka record timestamp {@code recordTimestampMillis}. */
    void order(OrderEvent event, long recordTimestampMillis) {
        if (!seen.add(event.getEventId())) {
            return;
        }
        String minute = minute(event.getOccurredAt().toEpochMilli());
        String currency = event.getCurrency();
        String region = event.getRegion() == null ? "" : event.getRegion();
        String method = event.getPaymentMethod() == null ? "" : event.getPaymentMethod();
        add("user_activity", List.of(minute, "ACTIVE", Long.toString(event.getUserId())));
        cdcLags.computeIfAbsent(List.of(minute, "cdc"), key -> new ArrayList<>())
                .add(recordTimestampMillis - event.getOccurredAt().toEpochMilli());
        lagEvents.computeIfAbsent(List.of(minute, "cdc"), key -> new long[1])[0]++;
        lagEvents.computeIfAbsent(List.of(minute, "analytics"), key -> new long[1])[0]++;
        OrderEventType type = event.getType();
        if (type == OrderEventType.ORDER_PAID) {
            // orders per product counts each order once, however many lines of the product it has
            Set<List<String>> productsOfOrder = new HashSet<>();
            for (OrderLine line : event.getItems()) {
                List<String> key = List.of(minute, Long.toString(line.getProductId()), Long.toString(line.getSellerId()),
                        Long.toString(line.getCategoryId()), region, currency);
                add("product_sales_per_minute", key, productsOfOrder.add(key) ? 1 : 0, line.getQuantity(),
                        line.getQuantity() * line.getUnitPriceCents(), 0, 0);
                if (line.getRecommendationVariant() != null) {
                    add("recommendation_variants_per_minute", List.of(minute, line.getRecommendationVariant(), currency),
                            0, 0, 0, 1, line.getQuantity(), line.getQuantity() * line.getUnitPriceCents());
                }
            }
            add("order_totals_per_minute", List.of(minute, currency), 1, event.getTotalCents(), 0, 0);
            add("user_activity", List.of(minute, "BUYER", Long.toString(event.getUserId())));
            add("funnel_per_minute", List.of(minute, "0", "PAID"), 1);
            add("payments_per_minute", List.of(minute, method, "SUCCEEDED", "", currency), 1, event.getTotalCents());
            fulfilment.computeIfAbsent(event.getOrderId(), id -> new long[3])[0] = event.getOccurredAt().getEpochSecond();
        } else if (type == OrderEventType.PAYMENT_FAILED) {
            add("payments_per_minute", List.of(minute, method, "FAILED", event.getReason() == null ? "" : event.getReason(),
                    currency), 1, event.getTotalCents());
        } else if (type == OrderEventType.ORDER_SHIPPED) {
            fulfilment.computeIfAbsent(event.getOrderId(), id -> new long[3])[1] = event.getOccurredAt().getEpochSecond();
        } else if (type == OrderEventType.ORDER_DELIVERED) {
            fulfilment.computeIfAbsent(event.getOrderId(), id -> new long[3])[2] = event.getOccurredAt().getEpochSecond();
        } else if (type == OrderEventType.ORDER_REFUNDED || type == OrderEventType.ORDER_PARTIALLY_REFUNDED) {
            long refunded = 0;
            for (OrderLine line : event.getRefundedItems()) {
                long cents = line.getQuantity() * line.getUnitPriceCents();
                refunded += cents;
                add("product_sales_per_minute", List.of(minute, Long.toString(line.getProductId()),
                        Long.toString(line.getSellerId()), Long.toString(line.getCategoryId()), region, currency),
                        0, 0, 0, line.getQuantity(), cents);
            }
            add("order_totals_per_minute", List.of(minute, currency), 0, 0, 1,
                    event.getRefundedCents() != null ? event.getRefundedCents() : refunded);
        }
    }

    void click(ClickEvent event) {
        if (!seen.add(event.getEventId())) {
            return;
        }
        String minute = minute(event.getOccurredAt().toEpochMilli());
        lagEvents.computeIfAbsent(List.of(minute, "analytics"), key -> new long[1])[0]++;
        if (event.getUserId() != null) {
            add("user_activity", List.of(minute, "ACTIVE", Long.toString(event.getUserId())));
        }
        String category = event.getCategoryId() == null ? "0" : Long.toString(event.getCategoryId());
        ClickType type = event.getType();
        if (type == ClickType.PRODUCT_VIEW || type == ClickType.CART_ADD || type == ClickType.CHECKOUT_START) {
            add("funnel_per_minute", List.of(minute, category, type.name()), 1);
        }
        String variant = event.getRecommendationVariant();
        if (variant != null) {
            List<String> key = List.of(minute, variant, "");
            switch (type) {
                case RECOMMENDATION_IMPRESSION -> add("recommendation_variants_per_minute", key, 1, 0, 0, 0, 0, 0);
                case PRODUCT_VIEW -> add("recommendation_variants_per_minute", key, 0, 1, 0, 0, 0, 0);
                case CART_ADD -> add("recommendation_variants_per_minute", key, 0, 0, 1, 0, 0, 0);
                default -> { }
            }
        }
    }

    private void add(String table, List<String> key, long... measures) {
        long[] row = sums.computeIfAbsent(table, t -> new HashMap<>()).computeIfAbsent(key, k -> new long[measures.length]);
        for (int i = 0; i < measures.length; i++) {
            row[i] += measures[i];
        }
    }

    /** Rows as ClickHouse prints them: the key columns, then the value columns. */
    /**
     * The rows of an hourly roll-up of {@code minuteTable}: the minute (column 0) floored to its hour,
     * then the key columns {@code keys}; the columns {@code measures} summed over the minute rows of
     * the same hourly key (no measures: one row per distinct key), of the minutes before
     * {@code closedBefore} (epoch seconds).
     */
    List<List<String>> hourlyRows(String minuteTable, int[] keys, int[] measures, long closedBefore) {
        Map<List<String>, long[]> hourly = new HashMap<>();
        for (List<String> row : rows(minuteTable, closedBefore)) {
            List<String> key = new ArrayList<>();
            key.add(Long.toString(Math.floorDiv(Long.parseLong(row.get(0)), 3_600L) * 3_600L));
            for (int column : keys) {
                key.add(row.get(column));
            }
            long[] totals = hourly.computeIfAbsent(key, k -> new long[measures.length]);
            for (int i = 0; i < measures.length; i++) {
                totals[i] += Long.parseLong(row.get(measures[i]));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        hourly.forEach((key, totals) -> {
            List<String> row = new ArrayList<>(key);
            for (long total : totals) {
                row.add(Long.toString(total));
            }
            rows.add(row);
        });
        return rows;
    }

    List<List<String>> rows(String table) {
        return rows(table, Long.MAX_VALUE);
    }

    /** The rows of the minutes before {@code closedBefore} (epoch seconds): every table here is keyed by minute first. */
    List<List<String>> rows(String table, long closedBefore) {
        List<List<String>> rows = new ArrayList<>();
        sums.getOrDefault(table, Map.of()).forEach((key, values) -> {
            if (Long.parseLong(key.get(0)) >= closedBefore) {
                return;
            }
            List<String> row = new ArrayList<>(key);
            for (long value : values) {
                row.add(Long.toString(value));
            }
            rows.add(row);
        });
        return rows;
    }

    /** order_fulfilment rows of paid orders: order id, paid, shipped, delivered (epoch seconds, 0 = not yet). */
    List<List<String>> fulfilmentRows() {
        List<List<String>> rows = new ArrayList<>();
        fulfilment.forEach((orderId, times) -> {
            if (times[0] > 0) {
                rows.add(List.of(Long.toString(orderId), Long.toString(times[0]), Long.toString(times[1]), Long.toString(times[2])));
            }
        });
        return rows;
    }

    /** pipeline_lag_per_minute of the minutes before {@code closedBefore}: minute, stage, events. */
    List<List<String>> lagEventRows(long closedBefore) {
        List<List<String>> rows = new ArrayList<>();
        lagEvents.forEach((key, count) -> {
            if (Long.parseLong(key.get(0)) >= closedBefore) {
                return;
            }
            List<String> row = new ArrayList<>(key);
            row.add(Long.toString(count[0]));
            rows.add(row);
        });
        return rows;
    }

    /** CDC lags of the minutes before {@code closedBefore}: minute -> every lag in milliseconds. */
    Map<String, List<Long>> cdcLagsByMinute(long closedBefore) {
        Map<String, List<Long>> byMinute = new TreeMap<>();
        cdcLags.forEach((key, lags) -> {
            if (Long.parseLong(key.get(0)) < closedBefore) {
                byMinute.put(key.get(0), lags);
            }
        });
        return byMinute;
    }

    private static String minute(long epochMillis) {
        return Long.toString(epochMillis / 60_000 * 60);
    }
}
