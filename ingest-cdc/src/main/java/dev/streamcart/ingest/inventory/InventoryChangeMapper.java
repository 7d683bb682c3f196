package dev.streamcart.ingest.inventory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.ingest.capture.Columns;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.capture.RowChangeMapper;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code inventory} row change becomes the row's new absolute state on
 * {@code inventory-changes}, keyed by product id, with its WAL position so consumers can drop
 * stale replays. Deleting a row needs its product and warehouse, which the before-image only
 * holds when the table has REPLICA IDENTITY FULL; a delete without them is counted and skipped.
 */
public final class InventoryChangeMapper implements RowChangeMapper {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryChangeMapper.class);
    private static final int DEFAULT_LOW_STOCK_THRESHOLD = 10;
    private static final int DEFAULT_REORDER_POINT = 5;

    private final AtomicLong unidentifiedDeletes = new AtomicLong();

    @Override
    public List<OutgoingEvent<?>> map(RowChange change) {
        Struct row = change.row();
        boolean deleted = change.operation() == RowChange.Operation.DELETE;
        if (deleted && (Columns.value(row, "product_id") == null || Columns.value(row, "warehouse_id") == null)) {
            long count = unidentifiedDeletes.incrementAndGet();
            LOG.warn("inventory row {} deleted without product/warehouse in its before-image (set REPLICA IDENTITY FULL);"
                    + " skipped ({} so far)", Columns.value(row, "id"), count);
            return List.of();
        }
        long productId = Columns.requiredLong(row, "product_id");
        InventoryChanged value = InventoryChanged.newBuilder()
                .setProductId(productId)
                .setWarehouseId(Columns.requiredLong(row, "warehouse_id"))
                .setQuantity(deleted ? 0 : Columns.intOr(row, "quantity", 0))
                .setReservedQuantity(deleted ? 0 : Columns.intOr(row, "reserved_quantity", 0))
                .setLowStockThreshold(Columns.intOr(row, "low_stock_threshold", DEFAULT_LOW_STOCK_THRESHOLD))
                .setReorderPoint(Columns.intOr(row, "reorder_point", DEFAULT_REORDER_POINT))
                .setDeleted(deleted)
                .setSourceLsn(change.lsn())
                .setCommittedAt(change.committedAt())
                .build();
        return List.of(new OutgoingEvent<>(Topics.INVENTORY_CHANGES, Topics.key(productId), value));
    }

    public long unidentifiedDeletes() {
        return unidentifiedDeletes.get();
    }
}
