package dev.streamcart.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import dev.streamcart.apiclient.Requests.NewCategory;
import dev.streamcart.apiclient.Requests.NewProduct;
import dev.streamcart.apiclient.Requests.NewSeller;
import dev.streamcart.apiclient.Requests.NewUser;
import dev.streamcart.apiclient.Requests.NewWarehouse;
import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.apiclient.Requests.StockReceipt;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.api.InMemoryStorefrontApi;
import dev.streamcart.loadgen.behaviour.CheckoutPlan;
import dev.streamcart.loadgen.behaviour.OrderEnding;
import dev.streamcart.loadgen.behaviour.RecommendationShares;
import dev.streamcart.loadgen.behaviour.SearchPlan;
import dev.streamcart.loadgen.behaviour.SessionPlan;
import dev.streamcart.loadgen.catalog.Catalog;
import dev.streamcart.loadgen.pacing.FakeClock;
import dev.streamcart.loadgen.pacing.OrderBudget;
import dev.streamcart.loadgen.pacing.RateLimiter;
import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.loadgen.stats.TrafficStats;
import dev.streamcart.loadgen.stats.TrafficTotals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopperSessionTest {

    private InMemoryStorefrontApi storefront;
    private StorefrontApiClient api;
    private final TrafficStats stats = new TrafficStats();
    private final FakeClock clock = new FakeClock();
    private final StopSignal stop = new StopSignal();
    private OrderBudget budget = OrderBudget.unlimited();
    private Restocker restocker;
    private long userId;
    private long productId;
    private long warehouseId;
    private long otherProductId;
    private Catalog.Warehouse warehouse;

    @BeforeEach
    void startStorefront() throws IOException {
        storefront = new InMemoryStorefrontApi();
        api = new StorefrontApiClient(storefront.url(), Duration.ofSeconds(5));
        long sellerId = api.createSeller(new NewSeller("Harbor", "hello@harbor.example"));
        long categoryId = api.createCategory(new NewCategory("Kitchen", null));
        productId = api.createProduct(new NewProduct(sellerId, categoryId, "KIT-1", "Cast Iron Skillet", "Heavy.",
                new BigDecimal("39.99"), "USD"));
        warehouseId = api.createWarehouse(new NewWarehouse("Columbus", "us-east"));
        api.receiveStock(new StockReceipt(productId, warehouseId, 5));
        otherProductId = api.createProduct(new NewProduct(sellerId, categoryId, "KIT-2", "Chef Knife", "Sharp.",
                new BigDecimal("24.50"), "USD"));
        api.receiveStock(new StockReceipt(otherProductId, warehouseId, 50));
        userId = api.createUser(new NewUser("mia@example.com", "secret-password", "Mia", "Kim"));
        // each shopper acts with their own token; the double knows who a "token-of-<email>" is
        api = api.signedIn("operator-token", id -> "token-of-mia@example.com");
        warehouse = new Catalog.Warehouse(warehouseId, "Columbus", "us-east");
        restocker = new Restocker(api, List.of(new Catalog.Warehouse(warehouseId, "Columbus", "us-east")), stats,
                new FailureReporter(stats, 5), clock, Duration.ofSeconds(15));
    }

    @AfterEach
    void stopStorefront() throws InterruptedException {
        storefront.close();
    }

    private ShopperSession session() {
        return new ShopperSession(api, stats, new FailureReporter(stats, 5), new RateLimiter(1000, clock), budget,
                new ThinkTime(Duration.ZERO, stop), stop, restocker, clock);
    }

    private ShopperSession sessionWithCarts(PaidOrders paidOrders) {
        return sessionWithCarts(paidOrders, RecommendationShares.defaults());
    }

    private ShopperSession sessionWithCarts(PaidOrders paidOrders, RecommendationShares recommendations) {
        return new ShopperSession(api, stats, new FailureReporter(stats, 5), new RateLimiter(1000, clock), budget,
                new ThinkTime(Duration.ZERO, stop), stop, restocker, clock, paidOrders,
                new CartShopper(api, List.of(warehouse)), recommendations);
    }

    /** A visit that only browses: it would not buy anything on its own. */
    private SessionPlan browsingOnly() {
        return new SessionPlan("session-3", userId, 1, List.of(otherProductId), null);
    }

    private SessionPlan cartPlan(int quantity, boolean saveForLater, boolean replay) {
        return new SessionPlan("session-2", userId, 1, new SearchPlan("skillet", null, "price_asc"), List.of(productId),
                new CheckoutPlan(List.of(new OrderLine(productId, quantity), new OrderLine(otherProductId, 1)),
                        OrderEnding.PAY_WITH_VALID_CARD, replay, replay, true, saveForLater));
    }

    private SessionPlan plan(int quantity, OrderEnding ending, boolean replay) {
        return new SessionPlan("session-1", userId, 1, List.of(productId, productId),
                new CheckoutPlan(List.of(new OrderLine(productId, quantity)), ending, replay, replay));
    }

    @Test
    void browsesPlacesAndPaysAnOrder() {
        session().run(plan(2, OrderEnding.PAY_WITH_VALID_CARD, false), new SplittableRandom(1));

        TrafficTotals totals = stats.snapshot();
        assertThat(totals.productViews()).isEqualTo(2);
        assertThat(totals.ordersPlaced()).isEqualTo(1);
        assertThat(totals.paid()).isEqualTo(1);
        assertThat(totals.errors() + totals.unexpected()).isZero();
        assertThat(storefront.ordersWithStatus("PAID")).isEqualTo(1);
        assertThat(storefront.viewsWithoutSession()).isZero();
        assertThat(stats.checkoutLatencies().wholeRun().count()).isEqualTo(1);
    }

    @Test
    void declinedAndInsufficientFundsCardsCountAsDeclined() {
        session().run(plan(1, OrderEnding.PAY_WITH_DECLINED_CARD, false), new SplittableRandom(1));
        session().run(plan(1, OrderEnding.PAY_WITH_INSUFFICIENT_FUNDS_CARD, false), new SplittableRandom(1));

        assertThat(stats.snapshot().declined()).isEqualTo(2);
        assertThat(storefront.declinedPayments()).isEqualTo(2);
        assertThat(storefront.available(productId)).isEqualTo(5);
    }

    @Test
    void cancelledOrderReleasesItsStock() {
        session().run(plan(3, OrderEnding.CANCEL, false), new SplittableRandom(1));

        assertThat(stats.snapshot().cancelled()).isEqualTo(1);
        assertThat(storefront.cancelledOrders()).isEqualTo(1);
        assertThat(storefront.available(productId)).isEqualTo(5);
    }

    @Test
    void shortStockCountsAs409GivesTheBudgetBackAndCallsTheRestocker() {
        budget = OrderBudget.of(1);

        session().run(plan(6, OrderEnding.PAY_WITH_VALID_CARD, false), new SplittableRandom(1));

        assertThat(stats.snapshot().stockShort()).isEqualTo(1);
        assertThat(stats.snapshot().ordersPlaced()).isZero();
        assertThat(budget.tryReserve()).isTrue();
        restocker.tick();
        assertThat(storefront.receiptsFor(productId)).isEqualTo(2);
        assertThat(stats.snapshot().restockReceipts()).isEqualTo(1);
    }

    @Test
    void clientRetriesWithTheSameKeyGetTheFirstResultAndChargeOnce() {
        session().run(plan(1, OrderEnding.PAY_WITH_VALID_CARD, true), new SplittableRandom(1));

        TrafficTotals totals = stats.snapshot();
        assertThat(totals.replays()).isEqualTo(2);
        assertThat(totals.replayMismatches()).isZero();
        assertThat(storefront.orders()).isEqualTo(1);
        assertThat(storefront.payments()).isEqualTo(1);
        assertThat(storefront.replaysAnswered()).isEqualTo(2);
    }

    @Test
    void stoppedRunPlacesNoNewOrder() {
        stop.stop();

        session().run(plan(1, OrderEnding.PAY_WITH_VALID_CARD, false), new SplittableRandom(1));

        assertThat(storefront.orders()).isZero();
        assertThat(storefront.productViews()).isZero();
    }

    @Test
    void searchesThenChecksOutThroughTheCartAndPaysTellingTheWarehouseWhoBoughtWhat() {
        List<String> paid = new java.util.ArrayList<>();
        sessionWithCarts((orderId, buyerId, productIds) -> paid.add(buyerId + ":" + productIds))
                .run(cartPlan(2, true, false), new SplittableRandom(1));

        TrafficTotals totals = stats.snapshot();
        assertThat(totals.searches()).isEqualTo(1);
        assertThat(storefront.searches()).isEqualTo(1);
        assertThat(storefront.searchesWithoutSession()).isZero();
        assertThat(storefront.cartAdds()).isEqualTo(2);
        assertThat(storefront.cartAddsWithoutSession()).isZero();
        assertThat(storefront.savedForLater()).isEqualTo(1);
        assertThat(storefront.movedToCart()).isEqualTo(1);
        assertThat(storefront.quotes()).isEqualTo(1);
        assertThat(storefront.cartCheckouts()).isEqualTo(1);
        assertThat(storefront.linesInCarts()).isZero();
        assertThat(totals.ordersPlaced()).isEqualTo(1);
        assertThat(totals.cartCheckouts()).isEqualTo(1);
        assertThat(totals.paid()).isEqualTo(1);
        assertThat(storefront.ordersWithStatus("PAID")).isEqualTo(1);
        assertThat(storefront.available(productId)).isEqualTo(3);
        assertThat(totals.errors() + totals.unexpected()).isZero();
        assertThat(paid).containsExactly(userId + ":" + List.of(productId, otherProductId));
    }

    @Test
    void aPriceChangedSinceTheAddIsAcceptedAndTheCheckoutRetriedOnce() {
        storefront.changePriceAfterEveryCartAdd(2);

        sessionWithCarts(PaidOrders.NONE).run(cartPlan(1, false, false), new SplittableRandom(1));

        TrafficTotals totals = stats.snapshot();
        assertThat(storefront.priceChangedRefusals()).isEqualTo(1);
        assertThat(storefront.priceRefreshes()).isEqualTo(1);
        assertThat(totals.priceChanges()).isEqualTo(1);
        assertThat(totals.ordersPlaced()).isEqualTo(1);
        assertThat(totals.paid()).isEqualTo(1);
        assertThat(totals.errors() + totals.unexpected()).isZero();
    }

    @Test
    void shortStockAtTheCartCountsAs409AndLeavesTheCartEmpty() {
        budget = OrderBudget.of(1);

        sessionWithCarts(PaidOrders.NONE).run(cartPlan(6, false, false), new SplittableRandom(1));

        TrafficTotals totals = stats.snapshot();
        assertThat(totals.stockShort()).isEqualTo(1);
        assertThat(totals.ordersPlaced()).isZero();
        assertThat(budget.tryReserve()).isTrue();
        assertThat(storefront.orders()).isZero();
        assertThat(storefront.linesInCarts()).as("the next visit starts with an empty cart").isZero();
        assertThat(totals.errors() + totals.unexpected()).isZero();
    }

    @Test
    void aCartCheckoutRetriedWithTheSameKeyGetsTheSameOrder() {
        sessionWithCarts(PaidOrders.NONE).run(cartPlan(1, false, true), new SplittableRandom(1));

        TrafficTotals totals = stats.snapshot();
        assertThat(totals.replays()).isEqualTo(2);
        assertThat(totals.replayMismatches()).isZero();
        assertThat(storefront.orders()).isEqualTo(1);
        assertThat(storefront.payments()).isEqualTo(1);
    }

    @Test
    void aShopperWhoOpensARecommendationAndBuysItPaysAnOrderLineCreditedToTheVariant() {
        List<String> paid = new java.util.ArrayList<>();
        sessionWithCarts((orderId, buyerId, productIds) -> paid.add(buyerId + ":" + productIds),
                new RecommendationShares(1, 1, 1)).run(browsingOnly(), new SplittableRandom(3));

        TrafficTotals totals = stats.snapshot();
        assertThat(storefront.recommendationRequests()).isEqualTo(1);
        assertThat(storefront.cartAdds()).as("one add, with ?rec=").isEqualTo(1);
        assertThat(storefront.cartCheckouts()).isEqualTo(1);
        assertThat(totals.paid()).isEqualTo(1);
        assertThat(storefront.paidRecommendedLinesByVariant()).containsExactly(java.util.Map.entry("A", 1L));
        assertThat(paid).hasSize(1);
        assertThat(storefront.linesInCarts()).isZero();
        assertThat(totals.errors() + totals.unexpected()).isZero();
    }

    @Test
    void aRecommendationBoughtInAPlannedCartOrderIsCreditedOnItsLineOnly() {
        sessionWithCarts(PaidOrders.NONE, new RecommendationShares(1, 1, 1)).run(cartPlan(1, true, false),
                new SplittableRandom(3));

        TrafficTotals totals = stats.snapshot();
        // the recommended product is one of the plan's two (the double recommends the lowest ids): no third line
        assertThat(storefront.cartAdds()).isEqualTo(2);
        assertThat(storefront.cartCheckouts()).isEqualTo(1);
        assertThat(totals.paid()).isEqualTo(1);
        assertThat(storefront.paidRecommendedLinesByVariant()).containsExactly(java.util.Map.entry("A", 1L));
        assertThat(totals.errors() + totals.unexpected()).isZero();
    }

    @Test
    void openedButNotBoughtRecommendationsPlaceNoOrder() {
        sessionWithCarts(PaidOrders.NONE, new RecommendationShares(1, 1, 0)).run(browsingOnly(), new SplittableRandom(3));

        assertThat(storefront.productViews()).as("the planned view and the recommended one").isEqualTo(2);
        assertThat(storefront.cartAdds()).isZero();
        assertThat(storefront.orders()).isZero();
    }

    @Test
    void aRecommendedProductJoinsAFullOrderInPlaceOfItsLastLineThroughTheCart() {
        CheckoutPlan direct = new CheckoutPlan(List.of(new OrderLine(1, 1), new OrderLine(2, 2), new OrderLine(3, 1)),
                OrderEnding.PAY_WITH_DECLINED_CARD, true, false);

        CheckoutPlan withPick = ShopperSession.withRecommended(direct, 9);

        assertThat(withPick.items()).containsExactly(new OrderLine(1, 1), new OrderLine(2, 2), new OrderLine(9, 1));
        assertThat(withPick.viaCart()).as("only a cart line carries the variant").isTrue();
        assertThat(withPick.ending()).isEqualTo(OrderEnding.PAY_WITH_DECLINED_CARD);
        assertThat(ShopperSession.withRecommended(direct, 2).items()).isEqualTo(direct.items());
        assertThat(ShopperSession.withRecommended(null, 9).items()).containsExactly(new OrderLine(9, 1));
        assertThat(ShopperSession.withRecommended(null, 9).ending()).isEqualTo(OrderEnding.PAY_WITH_VALID_CARD);
    }
}
