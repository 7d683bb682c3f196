package dev.streamcart.orders.deadlines;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;

/** When an order last entered a status, from its view's history. */
final class StatusSince {

    private StatusSince() {}

    /** The time of the last history entry with {@code status}, else the view's last update. */
    static Instant of(OrderView view, OrderStatus status) {
        List<StatusChange> history = view.getHistory();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).getStatus() == status) {
                return history.get(i).getAt();
            }
        }
        return view.getUpdatedAt();
    }
}
