package dev.streamcart.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import dev.streamcart.apiclient.Requests.NewCategory;
import dev.streamcart.apiclient.Requests.NewOrder;
import dev.streamcart.apiclient.Requests.NewProduct;
import dev.streamcart.apiclient.Requests.NewSeller;
import dev.streamcart.apiclient.Requests.NewUser;
import dev.streamcart.apiclient.Requests.NewWarehouse;
import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.apiclient.Requests.StockReceipt;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.api.InMemoryStorefrontApi;
import dev.streamcart.loadgen.catalog.Catalog;
import dev.streamcart.loadgen.pacing.FakeClock;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestockerTest {

    private InMemoryStorefrontApi storefront;
    private StorefrontApiClient api;
    private final TrafficStats stats = new TrafficStats();
    private final FakeClock clock = new FakeClock();
    private Restocker restocker;
    private long sellerId;
    private long categoryId;
    private long reno;
    private long columbus;

    @BeforeEach
    void startStorefront() throws IOException {
        storefront = new InMemoryStorefrontApi();
        api = new StorefrontApiClient(storefront.url(), Duration.ofSeconds(5));
        sellerId = api.createSeller(new NewSeller("Brightside", "team@brightside.example"));
        categoryId = api.createCategory(new NewCategory("Toys", null));
        reno = api.createWarehouse(new NewWarehouse("Reno", "us-west"));
        columbus = api.createWarehouse(new NewWarehouse("Columbus", "us-east"));
        restocker = new Restocker(api, List.of(new Catalog.Warehouse(reno, "Reno", "us-west"),
                new Catalog.Warehouse(columbus, "Columbus", "us-east")), stats, new FailureReporter(stats, 5), clock,
                Duration.ofSeconds(15));
    }

    @AfterEach
    void stopStorefront() throws InterruptedException {
        storefront.close();
    }

    private long product(String sku, int unitsInReno, int unitsInColumbus) {
        long id = api.createProduct(new NewProduct(sellerId, categoryId, sku, "Toy " + sku, "Fun.",
                new BigDecimal("19.99"), "USD"));
        api.receiveStock(new StockReceipt(id, reno, unitsInReno));
        api.receiveStock(new StockReceipt(id, columbus, unitsInColumbus));
        return id;
    }

    @Test
    void restocksALowProductIntoItsEmptiestWarehouseAndLeavesAWellStockedOneAlone() {
        long low = product("LOW", 10, 2);
        long plenty = product("PLENTY", 100, 100);

        restocker.ordered(List.of(low, plenty));
        restocker.tick();

        assertThat(storefront.receiptsFor(low)).isEqualTo(3);
        assertThat(storefront.receiptsFor(plenty)).isEqualTo(2);
        assertThat(api.stock(low).warehouses())
                .anySatisfy(w -> {
                    assertThat(w.warehouseId()).isEqualTo(columbus);
                    assertThat(w.onHand()).isEqualTo(2 + Restocker.RESTOCK_QUANTITY);
                });
        assertThat(stats.snapshot().restockReceipts()).isEqualTo(1);
    }

    @Test
    void waitsForTheCooldownBeforeRestockingTheSameProductAgain() {
        long low = product("LOW", 1, 1);
        long userId = api.createUser(new NewUser("kofi@example.com", "secret-password", "Kofi", "Mensah"));
        restocker.ordered(List.of(low));
        restocker.tick();
        assertThat(storefront.receiptsFor(low)).isEqualTo(3);
        // shoppers buy nearly everything again right away
        api.placeOrder("order-1", new NewOrder(userId, List.of(new OrderLine(low, 200))));

        clock.advanceMillis(5_000);
        restocker.ordered(List.of(low));
        restocker.tick();
        assertThat(storefront.receiptsFor(low)).as("within the cooldown").isEqualTo(3);

        clock.advanceMillis(11_000);
        restocker.ordered(List.of(low));
        restocker.tick();
        assertThat(storefront.receiptsFor(low)).as("after the cooldown").isEqualTo(4);
    }

    @Test
    void nothingToCheckMeansNoRequests() {
        restocker.tick();

        assertThat(storefront.receipts()).isZero();
    }
}
