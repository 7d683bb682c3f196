package dev.streamcart.serving.orders.tracking;

import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.orders.OrderViews;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;

/** HTTP handler of {@code GET /api/users/{id}/orders}: order tracking per user. */
public final class UserOrderEndpoints {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public record UserOrderList(long userId, List<OrderViews.View> orders) {}

    private final UserOrders orders;

    public UserOrderEndpoints(UserOrders orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    public void list(Context ctx) {
        long userId = PathIds.of(ctx, "id");
        Access.requireUser(ctx, userId);
        ctx.json(new UserOrderList(userId, orders.of(userId, QueryParams.limitParam(ctx, DEFAULT_LIMIT, MAX_LIMIT))));
    }
}
