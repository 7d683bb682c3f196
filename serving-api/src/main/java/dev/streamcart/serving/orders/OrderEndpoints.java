package dev.streamcart.serving.orders;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.idempotency.RequestFingerprint;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.Responses;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/orders}: checkout, cancel, and the order view. */
public final class OrderEndpoints {

    /** Far above the pipeline's p99 (under a second), well below a client's patience. */
    private static final Duration VIEW_ARRIVAL_WAIT = Duration.ofSeconds(3);

    /** An order as PostgreSQL committed it (the answer to checkout and cancel). */
    public record OrderResponse(long id, long userId, String status, String total, String currency, List<Item> items) {

        public record Item(long productId, int quantity, String unitPrice) {}

        static OrderResponse of(Order order) {
            List<Item> items = order.items().stream()
                    .map(item -> new Item(item.productId(), item.quantity(), Money.format(item.unitPrice())))
                    .toList();
            return new OrderResponse(order.id(), order.userId(), order.status().name(), Money.format(order.total()),
                    order.currency(), items);
        }
    }

    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final IdempotentRequests idempotent;
    private final Checkout checkout;
    private final OrderCancellation cancellation;
    private final OrderViews views;
    private final OrderOwnership ownership;
    private final Clickstream clickstream;
    private final CheckoutOutcomeCounts outcomes;

    public OrderEndpoints(RequestBodies bodies, ObjectMapper json, IdempotentRequests idempotent,
                          Checkout checkout, OrderCancellation cancellation, OrderViews views,
                          OrderOwnership ownership, Clickstream clickstream, CheckoutOutcomeCounts outcomes) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.clickstream = Objects.requireNonNull(clickstream, "clickstream");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.json = Objects.requireNonNull(json, "json");
        this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.views = Objects.requireNonNull(views, "views");
    }

    public void place(Context ctx) {
        IdempotencyKey key = IdempotencyKey.required(ctx.header(IdempotencyKey.HEADER));
        PlaceOrder command = parsePlaceOrder(Access.principal(ctx), bodies.read(ctx, "placeOrder"));
        // a direct order ("buy now") has no quote step: placing it is where its checkout begins
        clickstream.checkoutStarted(Clickstream.sessionOf(ctx.header(Clickstream.SESSION_HEADER), command.userId()),
                command.userId());
        // keys are scoped to the buyer: two buyers' equal keys never replay each other's orders
        StoredResponse response = outcomes.track(placed -> idempotent.execute(key,
                "POST /api/orders by user " + command.userId(), RequestFingerprint.of(json, command),
                connection -> {
                    Order order = checkout.place(connection, command).order();
                    placed.run();
                    return Responses.json(json, 201, OrderResponse.of(order));
                }));
        Responses.send(ctx, response);
    }

    public void cancel(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireBuyer(Access.principal(ctx), orderId);
        IdempotencyKey key = IdempotencyKey.optional(ctx.header(IdempotencyKey.HEADER));
        StoredResponse response = idempotent.executeOptional(key, "POST " + ctx.path(), RequestFingerprint.of(ctx.path()),
                connection -> Responses.json(json, 200, OrderResponse.of(cancellation.cancel(connection, orderId))));
        // committed: the provider is asked to release an authorisation with no row lock held
        cancellation.voidLeftOverAuthorizations(orderId);
        Responses.send(ctx, response);
    }

    public void get(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        Principal caller = Access.principal(ctx);
        // most orders asked for are in the view already, and it names the buyer and sellers: one hop, no PostgreSQL
        Optional<OrderViews.Found> found = views.findWithParties(orderId);
        if (found.isPresent()) {
            OrderOwnership.requireBuyerOrSeller(caller, orderId, found.get().buyerId(), found.get().sellerIds());
            ctx.json(found.get().view());
            return;
        }
        ownership.requireBuyerOrSeller(caller, orderId);
        // the order is committed (ownership read it): give the pipeline a moment to bring its view
        OrderViews.View view = views.awaitView(orderId, VIEW_ARRIVAL_WAIT).orElseThrow(() -> new DomainException(
                ProblemKind.NOT_FOUND, "order " + orderId + " is not in the order view yet; the event pipeline is "
                        + "behind, so retry in a few seconds"));
        ctx.json(view);
    }

    /** The buyer is the caller; only an admin may name another buyer in {@code userId}. */
    private static PlaceOrder parsePlaceOrder(Principal caller, JsonBody body) {
        Long named = body.optionalId("userId");
        if (named != null && !caller.mayActFor(named)) {
            throw new DomainException(ProblemKind.FORBIDDEN, "an order is placed for the signed-in user "
                    + caller.userId() + "; leave 'userId' out");
        }
        long userId = named == null ? caller.userId() : named;
        List<PlaceOrder.Line> lines = body.requiredObjects("items").stream()
                .map(item -> new PlaceOrder.Line(item.requiredId("productId"),
                        item.requiredInt("quantity")))
                .toList();
        return new PlaceOrder(userId, lines, delivery(body), Map.of());
    }

    /**
     * Where an order goes, from {@code shippingAddressId}, {@code billingAddressId}, {@code region}
     * and {@code carrier} (all optional; the cart checkout and quote read the same fields).
     */
    public static PlaceOrder.Delivery delivery(JsonBody body) {
        String region = body.optionalText("region");
        return new PlaceOrder.Delivery(body.optionalId("shippingAddressId"), body.optionalId("billingAddressId"),
                region == null ? null : region.toLowerCase(Locale.ROOT), body.optionalText("carrier"));
    }
}
