package dev.streamcart.ingest.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.streamcart.ingest.capture.ChangeRecords;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class InventoryChangeMapperTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-26T10:00:00Z");
    private final InventoryChangeMapper mapper = new InventoryChangeMapper();

    @Test
    void inventoryRowBecomesItsAbsoluteStateKeyedByProduct() {
        OutgoingEvent<?> event = mapper.map(ChangeRecords.change("inventory", RowChange.Operation.INSERT, ChangeRecords.columns(
                "id", 10L, "product_id", 5L, "warehouse_id", 2L, "quantity", 100, "reserved_quantity", 3,
                "low_stock_threshold", 10, "reorder_point", 5), 1234, COMMITTED)).get(0);

        assertThat(event.topic()).isEqualTo(Topics.INVENTORY_CHANGES);
        assertThat(event.key()).isEqualTo("5");
        assertThat(event.value()).isEqualTo(InventoryChanged.newBuilder()
                .setProductId(5).setWarehouseId(2).setQuantity(100).setReservedQuantity(3)
                .setLowStockThreshold(10).setReorderPoint(5).setDeleted(false)
                .setSourceLsn(1234).setCommittedAt(COMMITTED).build());
    }

    @Test
    void deleteWithAFullBeforeImageIsMarkedDeleted() {
        InventoryChanged value = (InventoryChanged) mapper.map(ChangeRecords.change("inventory", RowChange.Operation.DELETE,
                ChangeRecords.columns("id", 10L, "product_id", 5L, "warehouse_id", 2L, "quantity", 100, "reserved_quantity", 3),
                1300, COMMITTED)).get(0).value();

        assertThat(value.getDeleted()).isTrue();
        assertThat(value.getQuantity()).isZero();
        assertThat(value.getReservedQuantity()).isZero();
    }

    @Test
    void deleteWithoutProductIsCountedAndSkipped() {
        assertThat(mapper.map(ChangeRecords.change("inventory", RowChange.Operation.DELETE,
                ChangeRecords.columns("id", 10L), 1300, COMMITTED))).isEmpty();
        assertThat(mapper.unidentifiedDeletes()).isEqualTo(1);
    }
}
