package dev.streamcart.serving.sellers;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of seller profiles (public), verification and commission (admin), and a seller's
 * own order items and sales ({@code /api/sellers/me/...}: the caller's business; an admin names one
 * with {@code ?sellerId=}). Registration is {@code POST /api/sellers} in {@code catalog}.
 */
public final class SellerEndpoints {

    private static final String[] ORDER_STATUSES = {"PENDING_PAYMENT", "PAID", "FULFILLING", "SHIPPED", "DELIVERED",
            "CANCELLED", "PAYMENT_FAILED", "REFUNDED", "PARTIALLY_REFUNDED"};

    private final RequestBodies bodies;
    private final SellerDirectory directory;
    private final SellerAdministration administration;
    private final SellerOrders orders;
    private final SellerSales sales;
    private final Clock clock;

    public SellerEndpoints(RequestBodies bodies, SellerDirectory directory, SellerAdministration administration,
                           SellerOrders orders, SellerSales sales, Clock clock) {
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.administration = Objects.requireNonNull(administration, "administration");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.sales = Objects.requireNonNull(sales, "sales");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void profile(Context ctx) {
        ctx.json(directory.find(PathIds.of(ctx, "id")));
    }

    public void verify(Context ctx) {
        ctx.json(administration.verify(PathIds.of(ctx, "id")));
    }

    public void setCommission(Context ctx) {
        long sellerId = PathIds.of(ctx, "id");
        JsonBody body = bodies.read(ctx, "setSellerCommission");
        ctx.json(administration.setCommission(sellerId, body.requiredMoney("commissionRate")));
    }

    public void myOrders(Context ctx) {
        long sellerId = callerSellerId(ctx);
        String status = QueryParams.choiceParam(ctx, "status", "", ORDER_STATUSES);
        int page = QueryParams.intParam(ctx, "page", 0, 0, 10_000);
        int size = QueryParams.intParam(ctx, "size", 20, 1, 100);
        ctx.json(orders.items(sellerId, status.isEmpty() ? null : status, page, size));
    }

    /** {@code to} defaults to now, {@code from} to 30 days before {@code to}. */
    public void mySales(Context ctx) {
        long sellerId = callerSellerId(ctx);
        Instant to = QueryParams.instantParam(ctx, "to");
        if (to == null) {
            to = Instant.now(clock);
        }
        Instant from = QueryParams.instantParam(ctx, "from");
        if (from == null) {
            from = to.minus(SellerSales.DEFAULT_WINDOW);
        }
        ctx.json(sales.report(sellerId, from, to));
    }

    private static long callerSellerId(Context ctx) {
        Principal caller = Access.principal(ctx);
        @Nullable String named = ctx.queryParam("sellerId");
        if (!caller.isAdmin()) {
            if (named != null) {
                throw DomainException.invalidInput("query parameter 'sellerId' is for admins; a seller sees its own");
            }
            return Access.requireSellerId(ctx);
        }
        if (named == null) {
            throw DomainException.invalidInput("query parameter 'sellerId' is required when an admin calls");
        }
        return QueryParams.intParam(ctx, "sellerId", 0, 1, Integer.MAX_VALUE);
    }
}
