package dev.streamcart.serving.orders.tracking;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.serving.orders.OrderViews;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.replica.ReadModel;

/**
 * A user's orders with their status history, most recent first, from the order-views replica and
 * its {@link UserOrderIndex}: what the event pipeline has processed, not a PostgreSQL query.
 */
public final class UserOrders {

    /** Most recently placed first; ids break ties (they grow with time too). */
    private static final Comparator<OrderViews.View> MOST_RECENT_FIRST = Comparator
            .comparing((OrderViews.View view) -> placedAt(view)).reversed()
            .thenComparing(Comparator.comparingLong(OrderViews.View::id).reversed());

    private final ReadModel<OrderView> readModel;
    private final OrderViews views;
    private final UserOrderIndex index;

    public UserOrders(ReadModel<OrderView> readModel, UserOrderIndex index) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
        this.views = new OrderViews(readModel);
        this.index = Objects.requireNonNull(index, "index");
    }

    public List<OrderViews.View> of(long userId, int limit) {
        if (!readModel.isEnabled()) {
            throw new DomainException(ProblemKind.UNAVAILABLE, "order views are disabled: the API runs without Kafka");
        }
        return index.ordersOf(userId).stream()
                .map(views::find)
                .flatMap(Optional::stream)
                .sorted(MOST_RECENT_FIRST)
                .limit(limit)
                .toList();
    }

    private static Instant placedAt(OrderViews.View view) {
        return view.history().isEmpty() ? Instant.EPOCH : view.history().get(0).at();
    }
}
