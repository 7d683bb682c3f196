package dev.streamcart.serving.stock;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;

/** Stock of one product as the real-time read model last reported it, in total and per warehouse. */
public record StockSnapshot(long productId, int onHand, int reserved, int available, List<Warehouse> warehouses) {

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
                warehouses);
    }

    private static Warehouse warehouse(WarehouseStock stock) {
        return new Warehouse(stock.getWarehouseId(), stock.getOnHand(), stock.getReserved(), stock.getAvailable());
    }
}
