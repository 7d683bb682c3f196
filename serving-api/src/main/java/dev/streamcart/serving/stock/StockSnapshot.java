package dev.streamcart.serving.stock;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import org.jspecify.annotations.Nullable;

/**
 * Stock of one product as the real-time read model last reported it, in total and per warehouse,
 * with its sales velocity.
 *
 * @param unitsLast24h net units sold (reserved, minus reservations released unshipped) in the last 24 h
 * @param unitsLast7d net units sold in the last 7 days
 * @param unitsPerDay recent sales pace
 * @param daysOfCover days the available units last at that pace; null when nothing sold recently
 */
public record StockSnapshot(long productId, int onHand, int reserved, int available, List<Warehouse> warehouses,
        int unitsLast24h, int unitsLast7d, double unitsPerDay, @Nullable Double daysOfCover) {

    public record Warehouse(long warehouseId, int onHand, int reserved, int available) {}

    public StockSnapshot {
        warehouses = List.copyOf(Objects.requireNonNull(warehouses, "warehouses"));
    }

    static StockSnapshot of(StockLevel level) {
        List<Warehouse> warehouses = level.getWarehouses().stream()
                .map(StockSnapshot::warehouse)
                .sorted((a, b) -> Long.compare(a.warehouseId(), b.warehouseId()))
                .toList();
        return new StockSnapshot(level.getProductId(), level.getOnHand(), level.getReserved(), level.getAvailable(),
                warehouses, level.getUnitsLast24h(), level.getUnitsLast7d(), level.getUnitsPerDay(), level.getDaysOfCover());
    }

    private static Warehouse warehouse(WarehouseStock stock) {
        return new Warehouse(stock.getWarehouseId(), stock.getOnHand(), stock.getReserved(), stock.getAvailable());
    }
}
