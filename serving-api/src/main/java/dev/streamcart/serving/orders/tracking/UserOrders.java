package dev.streamcart.serving.orders.tracking;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.streams.query.AvroBodies;
import dev.streamcart.serving.orders.OrderViews;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.readmodels.StreamsQueryClient;
import org.jspecify.annotations.Nullable;

/**
 * A user's orders with their status history, most recent first, from order-streams' per-user view
 * (asked of the instance that owns the user): what the event pipeline has processed, not a
 * PostgreSQL query. The owner reads only the {@code limit} newest orders, so the cost does not grow
 * with the user's history.
 */
public final class UserOrders {

    private final @Nullable StreamsQueryClient orderQueries;

    /** @param orderQueries order-streams' query endpoints; null when the API runs without them */
    public UserOrders(@Nullable StreamsQueryClient orderQueries) {
        this.orderQueries = orderQueries;
    }

    public List<OrderViews.View> of(long userId, int limit) {
        if (orderQueries == null) {
            throw new DomainException(ProblemKind.UNAVAILABLE, "order views are disabled: the API runs without "
                    + "order-streams' query endpoints");
        }
        byte[] body = Objects.requireNonNull(orderQueries).get("/users/" + userId + "/orders?limit=" + limit);
        if (body == null) {
            return List.of();
        }
        return AvroBodies.decodeList(body, OrderView.class).stream().map(OrderViews::toView).toList();
    }
}
