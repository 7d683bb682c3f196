package dev.streamcart.localstack.launcher.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.streamcart.schemas.order.OrderView;

/** Compares each order's status in the {@code order-views} read model with {@code orders.status}. */
final class OrderComparison {

    static final String VIEW = "order-views";

    private OrderComparison() {}

    /** The mismatches, how many orders were seen, and how many of them were in flight (not compared). */
    record Result(int ordersChecked, int inFlight, List<Mismatch> mismatches) {}

    /** @param statuses order id to its status in PostgreSQL */
    static Result compare(Map<Long, String> statuses, Map<String, OrderView> views) {
        return compare(statuses, views, Set.of());
    }

    /** @param inFlight orders that changed too recently to be compared */
    static Result compare(Map<Long, String> statuses, Map<String, OrderView> views, Set<Long> inFlight) {
        Map<Long, String> derived = views.values().stream()
                .collect(Collectors.toMap(OrderView::getOrderId, view -> view.getStatus().name(), (a, b) -> b, TreeMap::new));
        Set<Long> orders = new TreeSet<>(statuses.keySet());
        orders.addAll(derived.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        int skipped = 0;
        for (long orderId : orders) {
            if (inFlight.contains(orderId)) {
                skipped++;
                continue;
            }
            String expected = statuses.get(orderId);
            String actual = derived.get(orderId);
            if (expected == null) {
                mismatches.add(new Mismatch(VIEW, orderId, "status " + actual + " in the read model, but no such order in PostgreSQL"));
            } else if (actual == null) {
                mismatches.add(new Mismatch(VIEW, orderId, "missing from the read model; PostgreSQL says " + expected));
            } else if (!expected.equals(actual)) {
                mismatches.add(new Mismatch(VIEW, orderId, "read model says " + actual + " but PostgreSQL " + expected));
            }
        }
        return new Result(orders.size(), skipped, mismatches);
    }
}
