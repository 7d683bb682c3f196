package dev.streamcart.orders.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.orders.lifecycle.OrderLifecycle;
import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import org.jspecify.annotations.Nullable;

/**
 * Folds one order event into the order's view. PostgreSQL is the truth, so the view always takes
 * the status the event carries; a transition the lifecycle does not allow is recorded in the
 * view's anomalies rather than dropped. An event already in the history changes nothing.
 */
public final class OrderViewUpdate {

    private OrderViewUpdate() {}

    /**
     * @param current the view so far, null for an order not seen yet
     * @return the new view and the anomaly it gained, or empty when the event was already applied
     */
    public static Optional<Result> apply(@Nullable OrderView current, OrderEvent event) {
        Objects.requireNonNull(event, "event");
        if (current != null && alreadyApplied(current, event.getEventId())) {
            return Optional.empty();
        }
        OrderStatus from = current == null ? OrderStatus.UNKNOWN : current.getStatus();
        OrderStatus to = OrderLifecycle.statusAfter(event);
        OrderAnomaly anomaly = OrderLifecycle.isAllowed(from, to) ? null : OrderAnomaly.newBuilder()
                .setOrderId(event.getOrderId())
                .setEventId(event.getEventId())
                .setFromStatus(from)
                .setAttemptedType(event.getType())
                .setDetectedAt(event.getOccurredAt())
                .setDetail(event.getType() + " event " + event.getEventId() + ": impossible transition " + from + " -> " + to)
                .build();

        OrderView.Builder next = current == null ? newView(event) : OrderView.newBuilder(current);
        if (current != null && event.getType() == OrderEventType.ORDER_PLACED) {
            // The order's content comes from its placing, even when a later event arrived first.
            copyContent(event, next);
        }
        List<StatusChange> history = new ArrayList<>(next.getHistory());
        history.add(StatusChange.newBuilder()
                .setStatus(to)
                .setAt(event.getOccurredAt())
                .setEventId(event.getEventId())
                .setReason(event.getReason())
                .build());
        List<String> anomalies = new ArrayList<>(next.getAnomalies());
        if (anomaly != null) {
            anomalies.add(anomaly.getDetail());
        }
        OrderView view = next.setStatus(to)
                .setHistory(history)
                .setAnomalies(anomalies)
                .setUpdatedAt(event.getOccurredAt())
                .build();
        return Optional.of(new Result(view, anomaly));
    }

    private static boolean alreadyApplied(OrderView view, String eventId) {
        return view.getHistory().stream().anyMatch(change -> change.getEventId().equals(eventId));
    }

    private static OrderView.Builder newView(OrderEvent event) {
        OrderView.Builder view = OrderView.newBuilder()
                .setOrderId(event.getOrderId())
                .setHistory(List.of())
                .setAnomalies(List.of());
        copyContent(event, view);
        return view;
    }

    private static void copyContent(OrderEvent event, OrderView.Builder view) {
        view.setUserId(event.getUserId())
                .setTotalCents(event.getTotalCents())
                .setCurrency(event.getCurrency())
                .setItems(new ArrayList<>(event.getItems()));
    }

    /**
     * @param view the order's view after the event
     * @param anomaly the impossible transition the event made, or null when it was allowed
     */
    public record Result(OrderView view, @Nullable OrderAnomaly anomaly) {

        public Result {
            Objects.requireNonNull(view, "view");
        }
    }
}
