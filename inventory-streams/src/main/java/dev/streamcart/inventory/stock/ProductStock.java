package dev.streamcart.inventory.stock;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;

/**
 * State of one product: its inventory rows by warehouse id, deleted rows included as tombstones.
 * Each row only moves forward in WAL order, which makes the whole state idempotent under replay.
 *
 * @param updatedAt commit time of the newest change applied
 */
public record ProductStock(long productId, SortedMap<Long, WarehouseEntry> warehouses, Instant updatedAt) {

    public ProductStock {
        Objects.requireNonNull(updatedAt, "updatedAt");
        warehouses = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(warehouses, "warehouses")));
    }

    public static ProductStock empty(long productId) {
        return new ProductStock(productId, new TreeMap<>(), Instant.EPOCH);
    }

    /**
     * The state after {@code change}, or empty when the change is not newer than what this
     * warehouse row already reflects (a duplicate or a late replay).
     */
    public Optional<ProductStock> apply(InventoryChanged change) {
        if (change.getProductId() != productId) {
            throw new IllegalArgumentException("change of product " + change.getProductId()
                    + " applied to product " + productId);
        }
        WarehouseEntry current = warehouses.get(change.getWarehouseId());
        if (current != null && change.getSourceLsn() <= current.sourceLsn()) {
            return Optional.empty();
        }
        SortedMap<Long, WarehouseEntry> next = new TreeMap<>(warehouses);
        next.put(change.getWarehouseId(), WarehouseEntry.of(change));
        Instant newest = change.getCommittedAt().isAfter(updatedAt) ? change.getCommittedAt() : updatedAt;
        return Optional.of(new ProductStock(productId, next, newest));
    }

    /** The read model: totals over the live (not deleted) rows, and each live row. */
    public StockLevel toStockLevel() {
        List<WarehouseStock> live = warehouses.values().stream()
                .filter(entry -> !entry.deleted())
                .map(WarehouseEntry::toWarehouseStock)
                .toList();
        int onHand = live.stream().mapToInt(WarehouseStock::getOnHand).sum();
        int reserved = live.stream().mapToInt(WarehouseStock::getReserved).sum();
        return StockLevel.newBuilder()
                .setProductId(productId)
                .setOnHand(onHand)
                .setReserved(reserved)
                .setAvailable(onHand - reserved)
                .setWarehouses(live)
                .setUpdatedAt(updatedAt)
                .build();
    }
}
