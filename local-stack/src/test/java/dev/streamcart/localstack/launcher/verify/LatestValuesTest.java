package dev.streamcart.localstack.launcher.verify;

import static dev.streamcart.localstack.launcher.verify.StockComparisonTest.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import org.junit.jupiter.api.Test;

/** The folds of the compacted topics: the latest value per key wins, a tombstone forgets, output is in id order. */
class LatestValuesTest {

    @Test
    void theLatestStatusPerOrderWinsAndATombstoneForgets() {
        StatusCodes codes = new StatusCodes();
        LatestOrderStatuses latest = new LatestOrderStatuses(codes);
        latest.put(3, OrderStatusOf.of(view(3, OrderStatus.PENDING_PAYMENT)));
        latest.put(1, OrderStatusOf.of(view(1, OrderStatus.PAID)));
        latest.put(3, OrderStatusOf.of(view(3, OrderStatus.SHIPPED)));
        latest.put(2, OrderStatusOf.of(view(2, OrderStatus.PAID)));
        latest.remove(2);
        latest.remove(99);

        OrderStatusTable table = latest.build();

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.id(0)).isEqualTo(1);
        assertThat(codes.name(table.status(1))).isEqualTo("SHIPPED");
        assertThat(table.statusOf(2)).isEqualTo(OrderStatusTable.ABSENT);
    }

    @Test
    void aViewUnderAnotherOrdersKeyIsRefused() {
        LatestOrderStatuses latest = new LatestOrderStatuses(new StatusCodes());

        assertThatThrownBy(() -> latest.put(4, OrderStatusOf.of(view(5, OrderStatus.PAID))))
                .hasMessageContaining("key 4 holds order 5");
    }

    @Test
    void theLatestStockLevelWinsWhateverItsWarehousesAndATombstoneForgets() {
        LatestStockLevels latest = new LatestStockLevels();
        latest.put(5, StockLevelOf.of(level(5, 10, 0, 1, 10, 0)));
        latest.put(6, StockLevelOf.of(level(6, 1, 0, 1, 1, 0)));
        latest.put(5, StockLevelOf.of(level(5, 12, 1, 2, 4, 1, 1, 8, 0)));   // more warehouses: moved
        latest.put(6, StockLevelOf.of(level(6, 2, 0, 1, 2, 0)));             // as many: in place
        latest.put(7, StockLevelOf.of(level(7, 0, 0)));
        latest.remove(7);
        latest.put(8, StockLevelOf.of(level(8, 3, 0, 1, 3, 0)));
        latest.remove(8);
        latest.put(8, StockLevelOf.of(level(8, 4, 0, 1, 4, 0)));             // back after a tombstone

        StockLevelTable table = latest.build();

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.warehouses().copyInto(0, new ProductRows()).describe()).as("sorted by warehouse").isEqualTo("{1: 8/0, 2: 4/1}");
        assertThat(table.onHand(0)).isEqualTo(12);
        assertThat(table.reserved(0)).isEqualTo(1);
        assertThat(table.available(0)).isEqualTo(11);
        assertThat(table.warehouses().copyInto(1, new ProductRows()).describe()).isEqualTo("{1: 2/0}");
        assertThat(table.productId(2)).isEqualTo(8);
        assertThat(table.onHand(2)).isEqualTo(4);
    }

    @Test
    void aWarehouseListedTwiceCountsWithItsLastEntry() {
        StockLevelOf level = StockLevelOf.of(level(5, 9, 0, 2, 1, 0, 1, 3, 0, 2, 6, 0));

        assertThat(level.warehouses().describe()).isEqualTo("{1: 3/0, 2: 6/0}");
    }

    @Test
    void versionsThatChangeTheirWarehousesOverAndOverDoNotGrowMemoryWithTheVersions() {
        LatestStockLevels latest = new LatestStockLevels();
        for (int version = 0; version < 200; version++) {
            for (long product = 1; product <= 1_000; product++) {
                // alternating between one and two warehouses moves every product's rows at each version
                latest.put(product, StockLevelOf.of(version % 2 == 0 ? level(product, 1, 0, 1, 1, 0)
                        : level(product, 2, 0, 1, 1, 0, 2, 1, 0)));
            }
        }
        long afterManyVersions = latest.retainedBytes();

        StockLevelTable table = latest.build();

        assertThat(table.size()).isEqualTo(1_000);
        assertThat(table.warehouses().copyInto(999, new ProductRows()).describe()).isEqualTo("{1: 1/0, 2: 1/0}");
        assertThat(afterManyVersions).as("200 versions of 1,000 products, 1.5 rows each on average")
                .isLessThan(200_000);
    }

    private static OrderView view(long orderId, OrderStatus status) {
        return OrderView.newBuilder().setOrderId(orderId).setUserId(7).setStatus(status).setTotalCents(100)
                .setCurrency("USD").setItems(List.of()).setHistory(List.of()).setUpdatedAt(Instant.EPOCH).build();
    }
}
