package dev.streamcart.inventory.stock;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.WarehouseStock;

/**
 * The last applied state of one inventory row (product x warehouse). A deleted row stays as a
 * tombstone carrying its LSN, so a late replay of an older change cannot bring it back.
 */
public record WarehouseEntry(long warehouseId, int onHand, int reserved, int lowStockThreshold, int reorderPoint,
        long sourceLsn, boolean deleted) {

    public static WarehouseEntry of(InventoryChanged change) {
        return new WarehouseEntry(change.getWarehouseId(), change.getQuantity(), change.getReservedQuantity(),
                change.getLowStockThreshold(), change.getReorderPoint(), change.getSourceLsn(),
                change.getDeleted());
    }

    public int available() {
        return onHand - reserved;
    }

    public WarehouseStock toWarehouseStock() {
        return WarehouseStock.newBuilder()
                .setWarehouseId(warehouseId)
                .setOnHand(onHand)
                .setReserved(reserved)
                .setAvailable(available())
                .setLowStockThreshold(lowStockThreshold)
                .setReorderPoint(reorderPoint)
                .setSourceLsn(sourceLsn)
                .build();
    }
}
