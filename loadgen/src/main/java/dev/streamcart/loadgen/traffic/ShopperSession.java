package dev.streamcart.loadgen.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.Requests.CardPayment;
import dev.streamcart.apiclient.Requests.Destination;
import dev.streamcart.apiclient.Requests.NewOrder;
import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.apiclient.Responses.CheckoutResult;
import dev.streamcart.apiclient.Responses.PaymentAccepted;
import dev.streamcart.apiclient.Responses.PaymentDeclined;
import dev.streamcart.apiclient.Responses.PaymentResult;
import dev.streamcart.apiclient.Responses.Placed;
import dev.streamcart.apiclient.Responses.PriceChanged;
import dev.streamcart.apiclient.Responses.StockShort;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.behaviour.CheckoutPlan;
import dev.streamcart.loadgen.behaviour.OrderEnding;
import dev.streamcart.loadgen.behaviour.RecommendationShares;
import dev.streamcart.loadgen.behaviour.SearchPlan;
import dev.streamcart.loadgen.behaviour.SessionPlan;
import dev.streamcart.loadgen.pacing.OrderBudget;
import dev.streamcart.loadgen.pacing.RateLimiter;
import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.loadgen.pacing.Ticker;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.jspecify.annotations.Nullable;

/**
 * Plays one {@link SessionPlan} against the API: maybe a search, views with think times, then, if
 * the visit converts, a checkout paced by the shared rate limiter and bounded by the order budget
 * (directly with POST /api/orders, or through the user's cart), then the payment or the
 * cancellation. Once an order is placed the session always settles it, even when the run is
 * stopping, so that a clean stop leaves no order waiting for payment.
 */
final class ShopperSession {

    private final StorefrontApiClient api;
    private final TrafficStats stats;
    private final FailureReporter failures;
    private final RateLimiter checkoutRate;
    private final OrderBudget budget;
    private final ThinkTime thinkTime;
    private final StopSignal stop;
    private final Restocker restocker;
    private final Ticker ticker;
    private final PaidOrders paidOrders;
    private final @Nullable CartShopper carts;
    private final RecommendationShares recommendations;

    ShopperSession(StorefrontApiClient api, TrafficStats stats, FailureReporter failures, RateLimiter checkoutRate,
            OrderBudget budget, ThinkTime thinkTime, StopSignal stop, Restocker restocker, Ticker ticker) {
        this(api, stats, failures, checkoutRate, budget, thinkTime, stop, restocker, ticker, PaidOrders.NONE, null,
                RecommendationShares.defaults());
    }

    /** How many recommendations a page shows. */
    static final int RECOMMENDATIONS_SHOWN = 6;

    /** A recommended product the shopper opened and decided to buy, with the variant that served it. */
    private record RecommendedPick(long productId, String variant) {}

    /**
     * @param carts the cart side; null to check every order out directly (then recommended products
     *              are opened but never bought: only a cart line carries the variant into the order)
     */
    ShopperSession(StorefrontApiClient api, TrafficStats stats, FailureReporter failures, RateLimiter checkoutRate,
            OrderBudget budget, ThinkTime thinkTime, StopSignal stop, Restocker restocker, Ticker ticker,
            PaidOrders paidOrders, @Nullable CartShopper carts, RecommendationShares recommendations) {
        this.api = Objects.requireNonNull(api, "api");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.checkoutRate = Objects.requireNonNull(checkoutRate, "checkoutRate");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.thinkTime = Objects.requireNonNull(thinkTime, "thinkTime");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.restocker = Objects.requireNonNull(restocker, "restocker");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.paidOrders = Objects.requireNonNull(paidOrders, "paidOrders");
        this.carts = carts;
        this.recommendations = Objects.requireNonNull(recommendations, "recommendations");
    }

    void run(SessionPlan plan, RandomGenerator random) {
        stats.sessionStarted();
        if (plan.search() != null && !stop.isStopped()) {
            search(plan, plan.search());
            if (!thinkTime.pause(random)) {
                return;
            }
        }
        for (long productId : plan.viewedProductIds()) {
            if (stop.isStopped()) {
                return;
            }
            view(plan, productId);
            if (!thinkTime.pause(random)) {
                return;
            }
        }
        RecommendedPick pick = null;
        if (random.nextDouble() < recommendations.shown() && !stop.isStopped()) {
            pick = browseRecommendations(plan, random);
        }
        CheckoutPlan checkout = pick == null ? plan.checkout() : withRecommended(plan.checkout(), pick.productId());
        if (checkout == null || stop.isStopped() || !budget.tryReserve()) {
            return;
        }
        if (!checkoutRate.acquire(stop)) {
            budget.release();
            return;
        }
        Placed placed;
        if (checkout.viaCart() && carts != null && carts.claim(plan.userId())) {
            try {
                placed = checkOutCart(plan, checkout, pick);
            } finally {
                carts.release(plan.userId());
            }
        } else {
            placed = checkOut(plan.userId(), checkout);
        }
        if (placed != null) {
            thinkTime.pause(random);
            settle(plan.userId(), placed.orderId(), checkout);
        }
    }

    private void search(SessionPlan plan, SearchPlan search) {
        try {
            api.search(plan.userId(), plan.sessionId(), search.query(), search.categoryId(), search.sort());
            stats.searched();
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    /**
     * Through the cart (holding a budget reservation and the user's cart claim): add the lines,
     * quote, check out; a 409 price-changed is accepted with refresh-prices and retried once.
     * Returns the order, or null when none was placed (then the cart is emptied again).
     */
    private @Nullable Placed checkOutCart(SessionPlan plan, CheckoutPlan checkout, @Nullable RecommendedPick pick) {
        CartShopper cart = Objects.requireNonNull(carts);
        long userId = plan.userId();
        List<Long> productIds = checkout.items().stream().map(OrderLine::productId).toList();
        String idempotencyKey = UUID.randomUUID().toString();
        CheckoutResult result;
        Duration latency;
        try {
            if (pick != null) {
                // first, so the line is created with the attribution (a later plain add keeps it)
                int quantity = checkout.items().stream().filter(line -> line.productId() == pick.productId())
                        .mapToInt(OrderLine::quantity).findFirst().orElse(1);
                cart.addRecommended(userId, plan.sessionId(), pick.productId(), quantity, pick.variant());
            }
            cart.fill(userId, plan.sessionId(), checkout, pick == null ? null : pick.productId());
            Destination destination = cart.destination(userId);
            long quoted = ticker.nanoTime();
            if (api.quoteCart(userId, destination) instanceof StockShort) {
                result = new StockShort("quote: stock short");
                latency = Duration.ofNanos(ticker.nanoTime() - quoted);
            } else {
                long started = ticker.nanoTime();
                result = api.checkoutCart(userId, idempotencyKey, destination);
                if (result instanceof PriceChanged) {
                    stats.priceChanged();
                    api.refreshCartPrices(userId);
                    // a new request after accepting the new prices, so a new key
                    idempotencyKey = UUID.randomUUID().toString();
                    started = ticker.nanoTime();
                    result = api.checkoutCart(userId, idempotencyKey, destination);
                }
                latency = Duration.ofNanos(ticker.nanoTime() - started);
            }
        } catch (ApiProblemException e) {
            budget.release();
            failures.unexpectedResponse(e);
            cart.empty(userId, productIds);
            return null;
        } catch (ApiUnreachableException e) {
            budget.release();
            failures.unreachable(e);
            cart.empty(userId, productIds);
            return null;
        }
        if (!(result instanceof Placed placed)) {
            // stock short, or a price changed again right after the refresh: a 409 like any other
            budget.release();
            stats.stockShort(latency);
            restocker.stockShort(productIds);
            cart.empty(userId, productIds);
            return null;
        }
        budget.confirm();
        stats.orderPlaced(latency);
        stats.cartCheckedOut();
        restocker.ordered(productIds);
        if (checkout.replayCheckout()) {
            String key = idempotencyKey;
            Destination destination = cart.destination(userId);
            replay(placed, () -> api.checkoutCart(userId, key, destination));
        }
        return placed;
    }

    /**
     * The storefront shows the shopper's recommendations (impressions for the A/B report); now and
     * then the shopper opens one of the first few (a click credited to the variant that served it),
     * and sometimes decides to buy it: returns that pick, or null. Buying needs the cart (only a
     * cart line carries the variant into the order), so a run without carts never buys one.
     */
    private @Nullable RecommendedPick browseRecommendations(SessionPlan plan, RandomGenerator random) {
        try {
            StorefrontApiClient.Recommended shown = api.recommendations(plan.userId(), plan.sessionId(), RECOMMENDATIONS_SHOWN);
            if (!shown.productIds().isEmpty() && random.nextDouble() < recommendations.opened()) {
                long clicked = shown.productIds().get(random.nextInt(Math.min(3, shown.productIds().size())));
                api.viewRecommendedProduct(clicked, shown.variant(), plan.sessionId(), plan.userId());
                stats.productViewed();
                if (carts != null && random.nextDouble() < recommendations.bought()) {
                    return new RecommendedPick(clicked, shown.variant());
                }
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
        return null;
    }

    /**
     * The session's checkout with one unit of the recommended product in it, through the cart: a
     * visit that was not going to buy now buys that product alone (paid with a valid card); one
     * that was adds it to its lines (replacing the last when the order is already full).
     */
    static CheckoutPlan withRecommended(@Nullable CheckoutPlan planned, long productId) {
        OrderLine recommended = new OrderLine(productId, 1);
        if (planned == null) {
            return new CheckoutPlan(List.of(recommended), OrderEnding.PAY_WITH_VALID_CARD, false, false, true, false);
        }
        List<OrderLine> items = new ArrayList<>(planned.items());
        if (items.stream().noneMatch(line -> line.productId() == productId)) {
            if (items.size() == 3) {
                items.remove(2);
            }
            items.add(recommended);
        }
        return new CheckoutPlan(items, planned.ending(), planned.replayCheckout(), planned.replayPayment(), true,
                planned.saveForLater() && items.get(items.size() - 1).productId() != productId);
    }

    private void view(SessionPlan plan, long productId) {
        try {
            api.viewProduct(productId, plan.sessionId(), plan.userId());
            stats.productViewed();
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    /** Places the order (holding a budget reservation); returns it, or null when none was placed. */
    private @Nullable Placed checkOut(long userId, CheckoutPlan checkout) {
        NewOrder order = new NewOrder(userId, checkout.items());
        List<Long> productIds = checkout.items().stream().map(OrderLine::productId).toList();
        String idempotencyKey = UUID.randomUUID().toString();
        long started = ticker.nanoTime();
        CheckoutResult result;
        try {
            result = api.placeOrder(idempotencyKey, order);
        } catch (ApiProblemException e) {
            budget.release();
            failures.unexpectedResponse(e);
            return null;
        } catch (ApiUnreachableException e) {
            budget.release();
            failures.unreachable(e);
            return null;
        }
        Duration latency = Duration.ofNanos(ticker.nanoTime() - started);
        if (result instanceof StockShort) {
            budget.release();
            stats.stockShort(latency);
            restocker.stockShort(productIds);
            return null;
        }
        Placed placed = (Placed) result;
        budget.confirm();
        stats.orderPlaced(latency);
        restocker.ordered(productIds);
        if (checkout.replayCheckout()) {
            replay(placed, () -> api.placeOrder(idempotencyKey, order));
        }
        return placed;
    }

    /** The client retry: the same request with the same key must return the same order. */
    private void replay(Placed first, Supplier<CheckoutResult> sameRequestAgain) {
        try {
            CheckoutResult replay = sameRequestAgain.get();
            if (replay instanceof Placed again && again.orderId() == first.orderId()) {
                stats.replayed(true);
            } else {
                failures.replayMismatch("checkout", first, replay);
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    private void settle(long userId, long orderId, CheckoutPlan checkout) {
        try {
            if (checkout.ending() == OrderEnding.CANCEL) {
                api.cancelOrder(userId, orderId);
                stats.cancelled();
                return;
            }
            String idempotencyKey = UUID.randomUUID().toString();
            CardPayment payment = CardPayment.card(checkout.ending().testCardNumber());
            PaymentResult result = api.pay(userId, orderId, idempotencyKey, payment);
            count(userId, orderId, checkout, result);
            if (checkout.replayPayment()) {
                replayPayment(userId, orderId, idempotencyKey, payment, result);
            }
        } catch (ApiProblemException e) {
            failures.unexpectedResponse(e);
        } catch (ApiUnreachableException e) {
            failures.unreachable(e);
        }
    }

    private void count(long userId, long orderId, CheckoutPlan checkout, PaymentResult result) {
        if (result instanceof PaymentDeclined) {
            stats.declined();
        } else if ("PAID".equals(((PaymentAccepted) result).status())) {
            stats.paid();
            paidOrders.paid(orderId, userId, checkout.items().stream().map(OrderLine::productId).toList());
        } else {
            failures.unexpectedOutcome("payment of order " + orderId + " accepted with status "
                    + ((PaymentAccepted) result).status());
        }
    }

    /** The client retry of a payment must return the first outcome and charge nothing twice. */
    private void replayPayment(long userId, long orderId, String idempotencyKey, CardPayment payment, PaymentResult first) {
        PaymentResult replay = api.pay(userId, orderId, idempotencyKey, payment);
        if (replay.getClass() == first.getClass()) {
            stats.replayed(true);
        } else {
            failures.replayMismatch("payment of order " + orderId, first, replay);
        }
    }
}
