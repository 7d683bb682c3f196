package dev.streamcart.loadgen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.Requests.CardPayment;
import dev.streamcart.apiclient.Requests.CartItem;
import dev.streamcart.apiclient.Requests.Destination;
import dev.streamcart.apiclient.Requests.NewAddress;
import dev.streamcart.apiclient.Requests.NewCategory;
import dev.streamcart.apiclient.Requests.NewOrder;
import dev.streamcart.apiclient.Requests.NewProduct;
import dev.streamcart.apiclient.Requests.NewReview;
import dev.streamcart.apiclient.Requests.NewSeller;
import dev.streamcart.apiclient.Requests.NewUser;
import dev.streamcart.apiclient.Requests.NewWarehouse;
import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.apiclient.Requests.StockReceipt;
import dev.streamcart.apiclient.Responses.PaymentAccepted;
import dev.streamcart.apiclient.Responses.PaymentDeclined;
import dev.streamcart.apiclient.Responses.Placed;
import dev.streamcart.apiclient.Responses.PriceChanged;
import dev.streamcart.apiclient.Responses.Quoted;
import dev.streamcart.apiclient.Responses.SearchResults;
import dev.streamcart.apiclient.Responses.StockShort;
import dev.streamcart.apiclient.Responses.StockView;
import dev.streamcart.apiclient.StorefrontApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorefrontApiClientTest {

    private InMemoryStorefrontApi storefront;
    private StorefrontApiClient api;
    private long userId;
    private long productId;
    private long warehouseId;

    @BeforeEach
    void startStorefront() throws IOException {
        storefront = new InMemoryStorefrontApi();
        api = new StorefrontApiClient(storefront.url(), Duration.ofSeconds(5));
        long sellerId = api.createSeller(new NewSeller("Northwind", "sales@northwind.example"));
        long rootId = api.createCategory(new NewCategory("Electronics", null));
        long phonesId = api.createCategory(new NewCategory("Phones", rootId));
        productId = api.createProduct(new NewProduct(sellerId, phonesId, "PHN-1", "Nova X12", "A phone.",
                new BigDecimal("199.99"), "USD"));
        warehouseId = api.createWarehouse(new NewWarehouse("Reno", "us-west"));
        api.receiveStock(new StockReceipt(productId, warehouseId, 3));
        userId = api.createUser(new NewUser("ava@example.com", "secret-password", "Ava", "Smith"));
    }

    @AfterEach
    void stopStorefront() throws InterruptedException {
        storefront.close();
    }

    @Test
    void createsTheCatalogWithMoneyAsADecimalString() {
        assertThat(storefront.products()).isEqualTo(1);
        assertThat(storefront.categories()).isEqualTo(2);
        assertThat(storefront.rootCategories()).isEqualTo(1);
        assertThat(api.healthStatus()).isEqualTo(200);
        assertThat(api.viewProduct(productId, "session-1", userId).price()).isEqualByComparingTo("199.99");
    }

    @Test
    void placesPaysAndReadsStock() {
        Placed placed = (Placed) api.placeOrder("key-1", new NewOrder(userId, List.of(new OrderLine(productId, 2))));

        assertThat(placed.status()).isEqualTo("PENDING_PAYMENT");
        assertThat(placed.total()).isEqualTo(new BigDecimal("399.98"));
        assertThat(api.pay(1L, placed.orderId(), "pay-1", CardPayment.card("4242424242424242")))
                .isEqualTo(new PaymentAccepted("PAID"));
        StockView stock = api.stock(productId);
        assertThat(stock.onHand()).isEqualTo(3);
        assertThat(stock.reserved()).isEqualTo(2);
        assertThat(stock.available()).isEqualTo(1);
        assertThat(stock.warehouses()).singleElement().satisfies(w -> assertThat(w.warehouseId()).isEqualTo(warehouseId));
    }

    @Test
    void shortStockIsA409ResultNotAnError() {
        assertThat(api.placeOrder("key-2", new NewOrder(userId, List.of(new OrderLine(productId, 4)))))
                .isInstanceOf(StockShort.class)
                .satisfies(result -> assertThat(((StockShort) result).detail()).contains("not enough stock"));
    }

    @Test
    void declinedCardIsA402Result() {
        Placed placed = (Placed) api.placeOrder("key-3", new NewOrder(userId, List.of(new OrderLine(productId, 1))));

        assertThat(api.pay(1L, placed.orderId(), "pay-3", CardPayment.card("4000000000000002")))
                .isInstanceOf(PaymentDeclined.class);
        assertThat(storefront.available(productId)).isEqualTo(3);
    }

    @Test
    void unknownStockIsNullAndOtherStatusesRaiseWithTheProblemBody() {
        assertThat(api.stock(999_999)).isNull();
        assertThatThrownBy(() -> api.viewProduct(999_999, "s", userId))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body()).contains("\"detail\":\"no product 999999\"");
                });
        assertThatThrownBy(() -> api.cancelOrder(1L, 999_999)).isInstanceOf(ApiProblemException.class);
    }

    @Test
    void silentServerIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StorefrontApiClient nowhere = new StorefrontApiClient(URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(2));

        assertThatThrownBy(nowhere::healthStatus).isInstanceOf(ApiUnreachableException.class);
    }

    @Test
    void cardNumberNeverAppearsInAPaymentsToString() {
        assertThat(CardPayment.card("4242424242424242").toString()).doesNotContain("424242424242").contains("4242");
    }

    @Test
    void searchesInACategorySubtreeWithTheSessionHeader() {
        StorefrontApiClient shopper = api.signedIn("operator", id -> "token-of-ava@example.com");

        SearchResults found = shopper.search(userId, "session-9", "nova x12", null, "price_asc");
        SearchResults none = shopper.search(userId, "session-9", "toaster & co", null, null);

        assertThat(found.total()).isEqualTo(1);
        assertThat(found.productIds()).containsExactly(productId);
        assertThat(none.total()).isZero();
        assertThat(storefront.searches()).isEqualTo(2);
        assertThat(storefront.searchesWithoutSession()).isZero();
    }

    @Test
    void cartLinesAreQuotedAndCheckedOutAndAChangedPriceIsReportedNotCharged() {
        StorefrontApiClient shopper = api.signedIn("operator", id -> "token-of-ava@example.com");
        long addressId = shopper.addAddress(userId,
                new NewAddress("shipping", "Ava", "Smith", "1 Main St", "Reno", "89501", "US", true));
        assertThat(shopper.defaultShippingAddress(userId)).isEqualTo(addressId);
        Destination destination = new Destination(addressId, "us-west");

        shopper.addToCart(userId, "session-1", new CartItem(productId, 2));
        shopper.saveForLater(userId, productId);
        shopper.moveToCart(userId, productId);
        assertThat(shopper.quoteCart(userId, destination)).isEqualTo(new Quoted(new BigDecimal("399.98")));
        storefront.changePrice(productId, new BigDecimal("189.99"));

        assertThat(shopper.checkoutCart(userId, "cart-key-1", destination)).isInstanceOf(PriceChanged.class);
        assertThat(storefront.orders()).isZero();
        shopper.refreshCartPrices(userId);
        Placed placed = (Placed) shopper.checkoutCart(userId, "cart-key-2", destination);
        assertThat(placed.status()).isEqualTo("PENDING_PAYMENT");
        assertThat(placed.total()).isEqualByComparingTo("379.98");
        assertThat(shopper.checkoutCart(userId, "cart-key-2", destination)).as("the same key, the same order")
                .isEqualTo(placed);
        assertThatThrownBy(() -> shopper.checkoutCart(userId, "cart-key-3", destination)).as("nothing left to buy")
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("422");
        assertThat(storefront.cartAdds()).isEqualTo(1);
        assertThat(storefront.linesInCarts()).isZero();
    }

    @Test
    void aStockShortCartIsA409AtTheQuoteAndOnlyABuyerMayReviewOnce() {
        StorefrontApiClient shopper = api.signedIn("operator", id -> "token-of-ava@example.com");
        shopper.addToCart(userId, "session-1", new CartItem(productId, 4));

        assertThat(shopper.quoteCart(userId, new Destination(null, "us-west"))).isInstanceOf(StockShort.class);
        assertThat(shopper.removeFromCart(userId, productId)).isTrue();
        assertThat(shopper.removeFromCart(userId, productId)).isFalse();

        NewReview review = new NewReview(5, "Love it!", "Great phone.");
        assertThatThrownBy(() -> shopper.writeReview(userId, productId, review))
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("403");
        Placed placed = (Placed) shopper.placeOrder("key-1", new NewOrder(userId, List.of(new OrderLine(productId, 1))));
        shopper.pay(userId, placed.orderId(), "pay-1", CardPayment.card("4242424242424242"));
        assertThat(shopper.writeReview(userId, productId, review)).isTrue();
        assertThat(shopper.writeReview(userId, productId, review)).as("409: already reviewed").isFalse();
        assertThat(storefront.reviews()).isEqualTo(1);
    }
}
