package dev.streamcart.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamcart.loadgen.api.InMemoryStorefrontApi;
import dev.streamcart.loadgen.catalog.Catalog;
import dev.streamcart.loadgen.catalog.CatalogStore;
import dev.streamcart.loadgen.stats.TrafficTotals;
import dev.streamcart.schemas.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole simulator, from its command line, against the in-memory double of our API over real HTTP. */
class TrafficSimulatorMainTest {

    private InMemoryStorefrontApi storefront;
    private Path dataDir;

    @BeforeEach
    void start() throws IOException {
        storefront = new InMemoryStorefrontApi();
        dataDir = Path.of("target", "test-data", "simulator-" + System.nanoTime());
        Files.createDirectories(dataDir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (storefront != null) {
            storefront.close();
        }
    }

    private record Outcome(int exitCode, String output, TrafficTotals totals) {}

    private Outcome simulate(String... extraArgs) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        TrafficSimulatorMain main = new TrafficSimulatorMain(Settings.of(Map.of("platform.data-dir", dataDir.toString())),
                new PrintStream(output, true, StandardCharsets.UTF_8), false);
        List<String> args = new ArrayList<>(List.of("--api-url", storefront.url().toString(),
                "--think-time", "0ms", "--workers", "6", "--report-interval", "1s", "--admin-password", "operator-pw"));
        args.addAll(List.of(extraArgs));
        int exitCode = main.commandLine().execute(args.toArray(String[]::new));
        return new Outcome(exitCode, output.toString(StandardCharsets.UTF_8), main.totals());
    }

    @Test
    void shoppersBuyWhatTheyWereRecommendedWithTheVariantOnThePaidLine() {
        Outcome run = simulate("--orders-per-second", "400", "--max-orders", "40", "--seed", "11",
                "--recommendation-purchase-share", "1", "--decline-share", "0", "--cancel-share", "0");

        assertThat(run.exitCode()).isZero();
        assertThat(storefront.paidRecommendedLinesByVariant()).as("purchases per variant, not only clicks")
                .containsKey("A");
        assertThat(storefront.paidRecommendedLinesByVariant().get("A")).isPositive();
        assertThat(run.totals().errors() + run.totals().unexpected()).isZero();
        assertThat(storefront.linesInCarts()).as("no cart is left half-filled").isZero();
    }

    @Test
    void bootstrapsTheCatalogThenPlacesAndPaysExactlyMaxOrdersCountingDeclines() {
        storefront.changePriceAfterEveryCartAdd(9);
        Outcome run = simulate("--orders-per-second", "400", "--max-orders", "60", "--seed", "7", "--decline-share", "0.3", "--cancel-share", "0.1",
                "--replay-share", "0.2");

        assertThat(run.exitCode()).isZero();
        // the catalog: a few sellers, a category tree, 3 warehouses, 200 products stocked in each, 300 users
        assertThat(storefront.sellers()).isEqualTo(6);
        assertThat(storefront.rootCategories()).isEqualTo(5);
        assertThat(storefront.categories()).isEqualTo(16);
        assertThat(storefront.warehouses()).isEqualTo(3);
        assertThat(storefront.products()).isEqualTo(200);
        assertThat(storefront.users()).isEqualTo(300);
        assertThat(storefront.receipts()).isGreaterThanOrEqualTo(600);
        Catalog saved = new CatalogStore(dataDir).load();
        assertThat(saved).isNotNull();
        assertThat(saved.products()).hasSize(200);
        assertThat(saved.users()).hasSize(300);

        // exactly --max-orders orders, each paid, declined or cancelled, and the API agrees
        TrafficTotals totals = run.totals();
        assertThat(totals.ordersPlaced()).isEqualTo(60);
        assertThat(storefront.orders()).isEqualTo(60);
        assertThat(totals.paid() + totals.declined() + totals.cancelled()).isEqualTo(60);
        assertThat(totals.paid()).isPositive().isEqualTo(storefront.ordersWithStatus("PAID"));
        assertThat(totals.declined()).isPositive().isEqualTo(storefront.declinedPayments());
        assertThat(totals.cancelled()).isEqualTo(storefront.cancelledOrders());
        assertThat(totals.productViews()).isEqualTo(storefront.productViews());
        assertThat(storefront.recommendationRequests()).as("shoppers' pages show recommendations").isPositive();
        assertThat(totals.errors() + totals.unexpected() + totals.replayMismatches()).isZero();
        assertThat(totals.replays()).isPositive();
        assertThat(storefront.chargesOfAlreadySettledOrders()).isZero();
        assertThat(storefront.viewsWithoutSession()).isZero();

        // most checkouts (90%) go through the cart, some after accepting a changed price; sessions search
        assertThat(totals.cartCheckouts()).isBetween(42L, 60L).isEqualTo(storefront.cartCheckouts());
        assertThat(storefront.cartAdds()).isGreaterThanOrEqualTo(storefront.cartCheckouts());
        assertThat(storefront.cartAddsWithoutSession()).isZero();
        assertThat(storefront.quotes()).isGreaterThanOrEqualTo(storefront.cartCheckouts());
        assertThat(totals.priceChanges()).isPositive().isEqualTo(storefront.priceChangedRefusals())
                .isEqualTo(storefront.priceRefreshes());
        assertThat(storefront.linesInCarts()).as("no cart is left half-filled").isZero();
        assertThat(totals.searches()).isPositive().isEqualTo(storefront.searches());
        assertThat(storefront.searchesWithoutSession()).isZero();

        assertThat(run.output()).containsOnlyOnce("STREAMCART READY loadgen");
        assertThat(run.output()).contains("loadgen totals: ").contains("placed=60 ");
    }

    @Test
    void deliveredOrdersAreReviewedByTheirBuyers() {
        // long enough for orders to be paid, shipped after 3 s and delivered 4 s later
        Outcome run = simulate("--duration", "11s", "--orders-per-second", "10", "--products", "30", "--users", "40",
                "--seed", "11");

        assertThat(run.exitCode()).isZero();
        TrafficTotals totals = run.totals();
        assertThat(storefront.ordersWithStatus("DELIVERED") + storefront.ordersWithStatus("REFUNDED")
                + storefront.ordersWithStatus("PARTIALLY_REFUNDED")).isPositive();
        assertThat(totals.reviews()).isPositive().isEqualTo(storefront.reviews());
        assertThat(storefront.reviewsRefused()).as("only buyers review").isZero();
        assertThat(storefront.reviewsOfUndeliveredOrders()).as("only after delivery").isZero();
        assertThat(totals.cartCheckouts()).isPositive();
        assertThat(totals.searches()).isPositive();
        assertThat(totals.errors() + totals.unexpected() + totals.replayMismatches()).isZero();
        assertThat(run.output()).contains(" reviews=" + totals.reviews() + " ");
    }

    @Test
    void laterRunsReuseTheSavedCatalogUnlessAFreshOneIsAsked() {
        assertThat(simulate("--orders-per-second", "400", "--max-orders", "5", "--products", "40", "--users", "20").exitCode()).isZero();
        String firstTag = new CatalogStore(dataDir).load().runTag();

        Outcome second = simulate("--orders-per-second", "400", "--max-orders", "5", "--products", "40", "--users", "20");

        assertThat(second.exitCode()).isZero();
        assertThat(storefront.products()).isEqualTo(40);
        assertThat(storefront.users()).isEqualTo(20);
        assertThat(storefront.orders()).isEqualTo(10);
        assertThat(new CatalogStore(dataDir).load().runTag()).isEqualTo(firstTag);

        Outcome fresh = simulate("--orders-per-second", "400", "--max-orders", "5", "--products", "40", "--users", "20", "--fresh-catalog");

        assertThat(fresh.exitCode()).isZero();
        assertThat(storefront.products()).isEqualTo(80);
        assertThat(new CatalogStore(dataDir).load().runTag()).isNotEqualTo(firstTag);
    }

    @Test
    void stopsAfterTheDurationAndPrintsStatusLinesAndTotals() {
        Outcome run = simulate("--duration", "2s", "--orders-per-second", "20", "--products", "30", "--users", "10");

        assertThat(run.exitCode()).isZero();
        // the rate limiter caps checkouts at 20/s: at most one immediate permit plus 2 s worth
        assertThat(run.totals().ordersPlaced()).isBetween(1L, 41L);
        assertThat(run.output()).contains(" orders/s=").contains("checkout p50=").contains("loadgen totals: ");
    }

    @Test
    void invalidShareIsRejectedBeforeAnyRequest() {
        Outcome run = simulate("--decline-share", "1.5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(storefront.sellers()).isZero();
    }

    @Test
    void unreachableApiIsAClearFatalError() throws InterruptedException {
        String url = storefront.url().toString();
        storefront.close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        TrafficSimulatorMain main = new TrafficSimulatorMain(Settings.of(Map.of("platform.data-dir", dataDir.toString())),
                new PrintStream(output, true, StandardCharsets.UTF_8), false);

        int exitCode = main.commandLine().execute("--api-url", url, "--api-wait", "1s", "--admin-password", "operator-pw");

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("STREAMCART READY");
        storefront = null;
    }
}
