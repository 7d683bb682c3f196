package dev.streamcart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.state.KeyValueStore;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockTopologyTest {

    private static final long PRODUCT = 7;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private StockTopologyDriver streams;

    @BeforeEach
    void startDriver() {
        streams = new StockTopologyDriver("inventory-streams-test");
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    @Test
    void totalsAddUpOverTwoWarehouses() {
        send(change(1, 100, 10, 100));
        send(change(2, 40, 5, 101));

        StockLevel level = lastStockLevel();
        assertThat(level.getProductId()).isEqualTo(PRODUCT);
        assertThat(level.getOnHand()).isEqualTo(140);
        assertThat(level.getReserved()).isEqualTo(15);
        assertThat(level.getAvailable()).isEqualTo(125);
        assertThat(level.getWarehouses()).extracting(WarehouseStock::getWarehouseId, WarehouseStock::getAvailable)
                .containsExactly(Tuple.tuple(1L, 90), Tuple.tuple(2L, 35));
        assertThat(level.getUpdatedAt()).isEqualTo(T0.plusMillis(101));
    }

    @Test
    void olderAndDuplicateChangesOfARowAreIgnored() {
        send(change(1, 100, 10, 200));
        send(change(1, 100, 30, 300));
        assertThat(streams.stockLevels.readValuesToList()).hasSize(2);

        send(change(1, 100, 30, 300));   // the same change re-delivered
        send(change(1, 100, 10, 200));   // an older change replayed late

        assertThat(streams.stockLevels.isEmpty()).as("stale changes emit nothing").isTrue();
        StockLevel stored = store().get(Topics.key(PRODUCT)).toStockLevel();
        assertThat(stored.getReserved()).isEqualTo(30);
        assertThat(stored.getAvailable()).isEqualTo(70);
    }

    @Test
    void deletedRowLeavesTheTotals() {
        send(change(1, 100, 10, 100));
        send(change(2, 40, 5, 101));

        send(deletion(2, 102));

        StockLevel level = lastStockLevel();
        assertThat(level.getOnHand()).isEqualTo(100);
        assertThat(level.getReserved()).isEqualTo(10);
        assertThat(level.getAvailable()).isEqualTo(90);
        assertThat(level.getWarehouses()).extracting(WarehouseStock::getWarehouseId).containsExactly(1L);
    }

    @Test
    void lateReplayDoesNotBringADeletedRowBack() {
        send(change(2, 40, 5, 101));
        send(deletion(2, 102));
        streams.stockLevels.readValuesToList();

        send(change(2, 40, 5, 101));

        assertThat(streams.stockLevels.isEmpty()).isTrue();
        assertThat(store().get(Topics.key(PRODUCT)).toStockLevel().getWarehouses()).isEmpty();
    }

    @Test
    void rowAddedAgainAfterDeletionCounts() {
        send(change(2, 40, 5, 101));
        send(deletion(2, 102));
        send(change(2, 12, 0, 150));

        StockLevel level = lastStockLevel();
        assertThat(level.getOnHand()).isEqualTo(12);
        assertThat(level.getWarehouses()).hasSize(1);
    }

    private void send(InventoryChanged change) {
        streams.changes.pipeInput(Topics.key(change.getProductId()), change);
    }

    private StockLevel lastStockLevel() {
        List<StockLevel> values = streams.stockLevels.readValuesToList();
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }

    private KeyValueStore<String, ProductStock> store() {
        return streams.driver().getKeyValueStore(StockTopology.STOCK_STORE);
    }

    private static InventoryChanged change(long warehouseId, int quantity, int reserved, long lsn) {
        return InventoryChanged.newBuilder()
                .setProductId(PRODUCT)
                .setWarehouseId(warehouseId)
                .setQuantity(quantity)
                .setReservedQuantity(reserved)
                .setLowStockThreshold(10)
                .setReorderPoint(5)
                .setDeleted(false)
                .setSourceLsn(lsn)
                .setCommittedAt(T0.plusMillis(lsn))
                .build();
    }

    private static InventoryChanged deletion(long warehouseId, long lsn) {
        return InventoryChanged.newBuilder(change(warehouseId, 0, 0, lsn)).setDeleted(true).build();
    }
}
