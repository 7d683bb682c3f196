package dev.streamcart.inventory.query;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code GET /stock/{productId}}: the product's stock level as the owning
 * instance's store holds it, and which instance answered.
 *
 * @param servedBy {@code host:port} of the instance whose store answered (not the one that forwarded)
 */
public record StockAnswer(long productId, int onHand, int reserved, int available, List<Warehouse> warehouses,
        Instant updatedAt, int unitsLast24h, int unitsLast7d, double unitsPerDay, @Nullable Double daysOfCover,
        String servedBy) {

    /** One warehouse row of the product. */
    public record Warehouse(long warehouseId, int onHand, int reserved, int available, int lowStockThreshold,
            int reorderPoint) {

        static Warehouse of(WarehouseStock stock) {
            return new Warehouse(stock.getWarehouseId(), stock.getOnHand(), stock.getReserved(), stock.getAvailable(),
                    stock.getLowStockThreshold(), stock.getReorderPoint());
        }
    }

    public static StockAnswer of(StockLevel level, String servedBy) {
        return new StockAnswer(level.getProductId(), level.getOnHand(), level.getReserved(), level.getAvailable(),
                level.getWarehouses().stream().map(Warehouse::of).toList(), level.getUpdatedAt(),
                level.getUnitsLast24h(), level.getUnitsLast7d(), level.getUnitsPerDay(), level.getDaysOfCover(), servedBy);
    }
}
