package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.testing.StreamsInputs;
import dev.streamcart.serving.testing.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The periodic inventory check: the real-time view (a real inventory-streams, asked by interactive
 * queries) against PostgreSQL's {@code inventory}, recorded in ClickHouse's
 * {@code inventory_accuracy} and answered by {@code /api/analytics/inventory-accuracy}.
 */
class InventoryAccuracyCheckTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().streams().clickHouse()
            .configure(config -> config.withFeatures(config.features().withInventoryAccuracyInterval(Duration.ofSeconds(1))));

    @Test
    void aProductWhoseStreamedStockDiffersIsCountedAsAMismatch() throws Exception {
        ClickHouseFixture clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        Storefront shop = SERVER.storefront();
        long warehouse = shop.warehouse();
        long matching = shop.product("5.00");
        long drifting = shop.product("7.00");
        long missing = shop.product("9.00");
        shop.receive(matching, warehouse, 20);
        shop.receive(drifting, warehouse, 20);
        shop.receive(missing, warehouse, 20);
        // inventory-streams learns of two of them, one with a count PostgreSQL does not have
        try (TopicWriter cdc = new TopicWriter(SERVER)) {
            cdc.commit(Topics.INVENTORY_CHANGES, matching, StreamsInputs.inventoryRow(matching, warehouse, 20, 0));
            cdc.commit(Topics.INVENTORY_CHANGES, drifting, StreamsInputs.inventoryRow(drifting, warehouse, 19, 0));
        }
        Instant published = Instant.now();

        // rows changed in the last 5 s are in flight and skipped; after that all three are compared
        await().atMost(Duration.ofSeconds(30)).until(() -> !clickHouse.rows("SELECT products_checked, mismatches FROM "
                + "streamcart.inventory_accuracy FINAL WHERE checked_at >= toDateTime(" + (published.getEpochSecond() + 6)
                + ") AND products_checked = 3").isEmpty());
        List<List<String>> latest = clickHouse.rows("SELECT products_checked, mismatches FROM streamcart.inventory_accuracy FINAL "
                + "WHERE products_checked = 3 ORDER BY checked_at DESC LIMIT 1");
        assertThat(latest).containsExactly(List.of("3", "2"));

        // the report's range ends at the request's second: wait until it holds a check of all three
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode latestCheck = SERVER.admin().get("/api/analytics/inventory-accuracy").json().path("summary")
                    .path("latest");
            assertThat(latestCheck.path("productsChecked").asLong()).isEqualTo(3);
            assertThat(latestCheck.path("mismatches").asLong()).isEqualTo(2);
            assertThat(latestCheck.path("accuracy").decimalValue()).isEqualByComparingTo("0.3333");
        });
    }
}
