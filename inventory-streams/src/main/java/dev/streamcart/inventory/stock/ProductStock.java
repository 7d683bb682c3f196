package dev.streamcart.inventory.stock;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.streamcart.inventory.alerts.AlertState;
import dev.streamcart.inventory.alerts.StockTotals;
import dev.streamcart.inventory.velocity.SalesHistory;
import dev.streamcart.inventory.velocity.SalesVelocity;
import dev.streamcart.inventory.velocity.UnitsSold;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import org.jspecify.annotations.Nullable;

/**
 * State of one product: its inventory rows by warehouse id, deleted rows included as tombstones.
 * Each row only moves forward in WAL order, which makes the whole state idempotent under replay.
 *
 * @param updatedAt commit time of the newest change applied
 * @param sales net units sold per hour, for the velocity (absent in state written before it existed)
 * @param alerts what has been raised already (absent in state written before alerts existed)
 * @param velocityAsOf the moment the published sales velocity was computed for: the newest change's
 *        commit time, or later once the wall-clock refresh moved it on (absent in older state: updatedAt)
 */
public record ProductStock(long productId, SortedMap<Long, WarehouseEntry> warehouses, Instant updatedAt,
        SalesHistory sales, AlertState alerts, @Nullable Instant velocityAsOf) {

    public ProductStock {
        Objects.requireNonNull(updatedAt, "updatedAt");
        warehouses = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(warehouses, "warehouses")));
        // state stored by the previous version has neither field: start from nothing known
        sales = sales == null ? SalesHistory.none() : sales;
        alerts = alerts == null ? AlertState.INITIAL : alerts;
        velocityAsOf = velocityAsOf == null || velocityAsOf.isBefore(updatedAt) ? updatedAt : velocityAsOf;
    }

    public static ProductStock empty(long productId) {
        return new ProductStock(productId, new TreeMap<>(), Instant.EPOCH, SalesHistory.none(), AlertState.INITIAL, null);
    }

    /** The same stock with the alert state that has now been reported. */
    public ProductStock withAlerts(AlertState next) {
        return new ProductStock(productId, warehouses, updatedAt, sales, next, velocityAsOf);
    }

    /** Whether any warehouse row is live; a product with none is not stocked and raises no alerts. */
    public boolean stocked() {
        return warehouses.values().stream().anyMatch(entry -> !entry.deleted());
    }

    /** Totals over the live rows. */
    public StockTotals totals() {
        int onHand = 0;
        int available = 0;
        int lowStockThreshold = 0;
        int reorderPoint = 0;
        for (WarehouseEntry entry : warehouses.values()) {
            if (!entry.deleted()) {
                onHand += entry.onHand();
                available += entry.available();
                lowStockThreshold += entry.lowStockThreshold();
                reorderPoint += entry.reorderPoint();
            }
        }
        return new StockTotals(onHand, available, lowStockThreshold, reorderPoint);
    }

    /**
     * Sales velocity as published: as of the newest change applied (event time, so replays give the
     * same figures) or as of the last wall-clock refresh after it.
     */
    public SalesVelocity velocity() {
        return sales.velocityAt(Objects.requireNonNull(velocityAsOf));
    }

    /**
     * The same stock with its velocity re-evaluated at {@code now}, when time passing without sales
     * changed it noticeably (see {@link SalesVelocity#differsNoticeably}); empty otherwise.
     */
    public Optional<ProductStock> refreshedAt(Instant now) {
        if (!stocked() || !now.isAfter(Objects.requireNonNull(velocityAsOf))
                || !sales.velocityAt(now).differsNoticeably(velocity())) {
            return Optional.empty();
        }
        return Optional.of(new ProductStock(productId, warehouses, updatedAt, sales, alerts, now));
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
        WarehouseEntry changed = WarehouseEntry.of(change);
        SortedMap<Long, WarehouseEntry> next = new TreeMap<>(warehouses);
        next.put(change.getWarehouseId(), changed);
        Instant newest = change.getCommittedAt().isAfter(updatedAt) ? change.getCommittedAt() : updatedAt;
        return Optional.of(new ProductStock(productId, next, newest,
                sales.record(change.getCommittedAt(), unitsSold(current, changed)), alerts, velocityAsOf));
    }

    /** A new row is stock arriving, and a deleted row stock leaving the books: neither is a sale. */
    private static int unitsSold(@Nullable WarehouseEntry before, WarehouseEntry after) {
        if (before == null || before.deleted() || after.deleted()) {
            return 0;
        }
        return UnitsSold.between(before.onHand(), before.reserved(), after.onHand(), after.reserved());
    }

    /** The read model: totals over the live (not deleted) rows, each live row, and the sales velocity. */
    public StockLevel toStockLevel() {
        List<WarehouseStock> live = warehouses.values().stream()
                .filter(entry -> !entry.deleted())
                .map(WarehouseEntry::toWarehouseStock)
                .toList();
        int onHand = live.stream().mapToInt(WarehouseStock::getOnHand).sum();
        int reserved = live.stream().mapToInt(WarehouseStock::getReserved).sum();
        SalesVelocity velocity = velocity();
        return StockLevel.newBuilder()
                .setProductId(productId)
                .setOnHand(onHand)
                .setReserved(reserved)
                .setAvailable(onHand - reserved)
                .setWarehouses(live)
                .setUpdatedAt(updatedAt)
                .setUnitsLast24h(velocity.unitsLast24h())
                .setUnitsLast7d(velocity.unitsLast7d())
                .setUnitsPerDay(velocity.unitsPerDay())
                .setDaysOfCover(velocity.daysOfCover(onHand - reserved))
                .build();
    }
}
