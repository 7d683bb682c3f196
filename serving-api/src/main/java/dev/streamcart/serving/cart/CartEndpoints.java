package dev.streamcart.serving.cart;

import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.idempotency.RequestFingerprint;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.orders.CheckoutOutcomeCounts;
import dev.streamcart.serving.orders.OrderEndpoints;
import dev.streamcart.serving.orders.PlaceOrder;
import dev.streamcart.serving.orders.PlacedOrder;
import dev.streamcart.serving.recommendations.RecommendationVariantParam;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.Responses;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of {@code /api/cart}: always the signed-in caller's own cart (there is no cart id
 * to name, so no one reaches another user's cart), its items, saved-for-later, price confirmation,
 * the quote, and checkout.
 */
public final class CartEndpoints {

    /** The answer to checkout: the order placed, with what it costs per seller and overall. */
    public record CheckoutView(long id, long userId, String status, String currency, String total,
                               @Nullable Long shippingAddressId, @Nullable Long billingAddressId, QuoteView pricing) {

        static CheckoutView of(PlacedOrder placed) {
            return new CheckoutView(placed.order().id(), placed.order().userId(), placed.order().status().name(),
                    placed.order().currency(), Money.format(placed.order().total()),
                    placed.destination().shippingAddressId(), placed.destination().billingAddressId(),
                    QuoteView.of(placed.pricing()));
        }
    }

    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final Transactions transactions;
    private final IdempotentRequests idempotent;
    private final ShoppingCart cart;
    private final CartCheckout checkout;
    private final Clickstream clickstream;
    private final CheckoutOutcomeCounts outcomes;

    public CartEndpoints(RequestBodies bodies, ObjectMapper json, Transactions transactions, IdempotentRequests idempotent, ShoppingCart cart,
                         CartCheckout checkout, Clickstream clickstream, CheckoutOutcomeCounts outcomes) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.json = Objects.requireNonNull(json, "json");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
        this.cart = Objects.requireNonNull(cart, "cart");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.clickstream = Objects.requireNonNull(clickstream, "clickstream");
    }

    public void get(Context ctx) {
        ctx.json(CartView.of(cart.get(Access.principal(ctx).userId())));
    }

    public void add(Context ctx) {
        long userId = Access.principal(ctx).userId();
        JsonBody body = bodies.read(ctx, "addCartItem");
        long productId = body.requiredId("productId");
        int quantity = body.requiredInt("quantity");
        // the A/B variant of the recommendation this add follows (?rec= or the body), kept on the line until
        // checkout so the order's line carries it
        String fromBody = RecommendationVariantParam.parse(body.optionalText("recommendationVariant"),
                "recommendationVariant");
        String variant = fromBody != null ? fromBody : RecommendationVariantParam.parse(ctx.queryParam("rec"), "rec");
        ShoppingCart.Added added = cart.add(userId, productId, quantity, variant);
        String session = ctx.header(Clickstream.SESSION_HEADER);
        if (session != null && !session.isBlank() && session.length() <= Clickstream.MAX_SESSION_ID_LENGTH) {
            clickstream.cartAdded(session.trim(), userId, productId, added.categoryId(), variant);
        }
        ctx.json(CartView.of(added.cart()));
    }

    public void setQuantity(Context ctx) {
        long userId = Access.principal(ctx).userId();
        long productId = PathIds.of(ctx, "productId");
        int quantity = bodies.read(ctx, "setCartItemQuantity").requiredInt("quantity");
        ctx.json(CartView.of(cart.setQuantity(userId, productId, quantity)));
    }

    public void remove(Context ctx) {
        long userId = Access.principal(ctx).userId();
        ctx.json(CartView.of(cart.remove(userId, PathIds.of(ctx, "productId"))));
    }

    public void saveForLater(Context ctx) {
        long userId = Access.principal(ctx).userId();
        ctx.json(CartView.of(cart.saveForLater(userId, PathIds.of(ctx, "productId"))));
    }

    public void moveToCart(Context ctx) {
        long userId = Access.principal(ctx).userId();
        ctx.json(CartView.of(cart.moveToCart(userId, PathIds.of(ctx, "productId"))));
    }

    public void refreshPrices(Context ctx) {
        ctx.json(CartView.of(cart.refreshPrices(Access.principal(ctx).userId())));
    }

    public void quote(Context ctx) {
        long userId = Access.principal(ctx).userId();
        PlaceOrder.Delivery delivery = OrderEndpoints.delivery(bodies.readOptional(ctx, "quoteCart"));
        QuoteView quote = QuoteView.of(transactions.read(connection -> checkout.quote(connection, userId, delivery)));
        // the buyer sees the totals before paying: the checkout has begun
        clickstream.checkoutStarted(Clickstream.sessionOf(ctx.header(Clickstream.SESSION_HEADER), userId), userId);
        ctx.json(quote);
    }

    public void checkout(Context ctx) {
        long userId = Access.principal(ctx).userId();
        IdempotencyKey key = IdempotencyKey.required(ctx.header(IdempotencyKey.HEADER));
        PlaceOrder.Delivery delivery = OrderEndpoints.delivery(bodies.readOptional(ctx, "checkoutCart"));
        // The fingerprint is the request, not the cart: a retry after success finds an emptied cart,
        // and must replay the first answer rather than fail on it.
        StoredResponse response = outcomes.track(placed -> idempotent.execute(key,
                "POST /api/cart/checkout by user " + userId, RequestFingerprint.of(json, delivery),
                connection -> {
                    CheckoutView view = CheckoutView.of(checkout.checkout(connection, userId, delivery));
                    placed.run();
                    return Responses.json(json, 201, view);
                }));
        Responses.send(ctx, response);
    }
}
