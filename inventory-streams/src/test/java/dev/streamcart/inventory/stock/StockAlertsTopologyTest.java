package dev.streamcart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockAlertType;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts per product (totals over warehouses): once per crossing, never per event; velocity with the stock. */
class StockAlertsTopologyTest {

    private static final long PRODUCT = 9;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final int LOW = 10;
    private static final int REORDER_POINT = 5;

    private long lsn = 100;
    private Instant at = T0;

    private StockTopologyDriver streams;

    @BeforeEach
    void startDriver() {
        streams = new StockTopologyDriver("inventory-streams-alerts-test");
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    @Test
    void plentifulStockRaisesNothing() {
        row(1, 100, 0);
        row(1, 100, 20);

        assertThat(streams.alerts.isEmpty()).isTrue();
    }

    @Test
    void eachCrossingIsRaisedOnceAndNotRepeatedOnLaterEvents() {
        row(1, 20, 0);
        row(1, 20, 11);   // available 9: below the threshold of 10
        row(1, 20, 12);   // 8: still low
        row(1, 20, 14);   // 6: still low, above the reorder point
        assertThat(types()).containsExactly(StockAlertType.LOW_STOCK);

        row(1, 20, 15);   // 5: reorder point reached
        row(1, 20, 16);   // 4: still below it
        assertThat(types()).containsExactly(StockAlertType.REORDER);

        row(1, 20, 20);   // 0
        row(1, 20, 20);   // the same numbers again (a new row change, e.g. a touched updated_at)
        assertThat(types()).containsExactly(StockAlertType.OUT_OF_STOCK);
    }

    @Test
    void backInStockWhenAvailableRisesFromZero() {
        row(1, 5, 5);
        assertThat(types()).containsExactly(StockAlertType.OUT_OF_STOCK, StockAlertType.REORDER);

        row(1, 50, 5);    // stock received: 45 available
        assertThat(types()).containsExactly(StockAlertType.BACK_IN_STOCK);
        row(1, 50, 6);
        assertThat(streams.alerts.isEmpty()).isTrue();

        row(1, 50, 41);   // 9: a new crossing below the threshold, then the reorder point again
        row(1, 50, 46);   // 4
        assertThat(types()).containsExactly(StockAlertType.LOW_STOCK, StockAlertType.REORDER);
    }

    @Test
    void alertsAreAboutTheProductTotalNotOneWarehouse() {
        row(1, 30, 0);
        row(2, 30, 0);
        row(1, 30, 30);   // warehouse 1 is empty, but 30 remain in warehouse 2 (threshold 20, reorder 10)

        assertThat(streams.alerts.isEmpty()).isTrue();

        row(2, 30, 15);   // 15 in total: below the summed threshold of 20
        StockAlert low = streams.alerts.readValue();
        assertThat(low.getType()).isEqualTo(StockAlertType.LOW_STOCK);
        assertThat(low.getAvailable()).isEqualTo(15);
        assertThat(low.getLowStockThreshold()).isEqualTo(2 * LOW);
    }

    @Test
    void reorderSuggestsEnoughForTheCoverDaysFromTheSalesVelocity() {
        row(1, 1000, 0);
        // 10 units reserved per hour for 24 hours, shipped as they go: 240 units a day
        int onHand = 1000;
        for (int hour = 0; hour < 24; hour++) {
            at = at.plus(Duration.ofHours(1));
            row(1, onHand, 10);
            onHand -= 10;
            row(1, onHand, 0);
        }
        StockLevel level = lastStockLevel();
        assertThat(level.getUnitsLast24h()).isEqualTo(240);
        assertThat(level.getUnitsPerDay()).isEqualTo(240.0);
        assertThat(level.getDaysOfCover()).isEqualTo(760 / 240.0);
        streams.alerts.readValuesToList();

        row(1, 4, 0);   // a stock count finds only 4: an adjustment, not a sale; low, and below the reorder point

        StockAlert reorder = streams.alerts.readValuesToList().stream()
                .filter(alert -> alert.getType() == StockAlertType.REORDER).findFirst().orElseThrow();
        // 14 days at 240/day plus the threshold (10) as safety stock, minus the 4 still available
        assertThat(reorder.getSuggestedQuantity()).isEqualTo(14 * 240 + LOW - 4);
        assertThat(reorder.getUnitsPerDay()).isEqualTo(240.0);
    }

    @Test
    void releasedReservationsAreNotSales() {
        row(1, 100, 0);
        row(1, 100, 30);   // three orders reserve 30
        row(1, 100, 10);   // two are cancelled: 20 released, on hand unchanged
        row(1, 90, 0);     // the last one ships

        StockLevel level = lastStockLevel();
        assertThat(level.getUnitsLast24h()).isEqualTo(10);
        assertThat(level.getUnitsLast7d()).isEqualTo(10);
        assertThat(level.getDaysOfCover()).isEqualTo(90 / 10.0);
    }

    @Test
    void aDuplicateChangeRaisesNothingAgain() {
        InventoryChanged empty = change(1, 5, 5, 500, T0);
        streams.changes.pipeInput(Topics.key(PRODUCT), empty);
        assertThat(types()).containsExactly(StockAlertType.OUT_OF_STOCK, StockAlertType.REORDER);

        streams.changes.pipeInput(Topics.key(PRODUCT), empty);

        assertThat(streams.alerts.isEmpty()).isTrue();
    }

    @Test
    void theAlertIdNamesTheChangeThatRaisedIt() {
        row(1, 3, 3);

        StockAlert alert = streams.alerts.readValue();
        assertThat(alert.getAlertId()).isEqualTo(PRODUCT + "-OUT_OF_STOCK-" + lsn);
        assertThat(alert.getRaisedAt()).isEqualTo(at);
        assertThat(alert.getSuggestedQuantity()).isNull();
    }

    private void row(long warehouseId, int onHand, int reserved) {
        lsn++;
        streams.changes.pipeInput(Topics.key(PRODUCT), change(warehouseId, onHand, reserved, lsn, at));
    }

    private List<StockAlertType> types() {
        return streams.alerts.readValuesToList().stream().map(StockAlert::getType).toList();
    }

    private StockLevel lastStockLevel() {
        List<StockLevel> values = streams.stockLevels.readValuesToList();
        return values.get(values.size() - 1);
    }

    private static InventoryChanged change(long warehouseId, int quantity, int reserved, long lsn, Instant committedAt) {
        return InventoryChanged.newBuilder()
                .setProductId(PRODUCT).setWarehouseId(warehouseId).setQuantity(quantity).setReservedQuantity(reserved)
                .setLowStockThreshold(LOW).setReorderPoint(REORDER_POINT).setDeleted(false)
                .setSourceLsn(lsn).setCommittedAt(committedAt).build();
    }
}
