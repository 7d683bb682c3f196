package dev.streamcart.localstack.launcher.verify;

import java.util.List;
import java.util.TreeMap;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;

/**
 * What the verifier compares of a stock level: totals and per warehouse on hand and reserved, in
 * ascending warehouse order. Thresholds, sales figures and timestamps are dropped as it is read;
 * it lives only until {@link LatestStockLevels} has copied it into its columns.
 */
record StockLevelOf(long productId, int onHand, int reserved, int available, ProductRows warehouses) {

    static StockLevelOf of(StockLevel level) {
        List<WarehouseStock> stocks = level.getWarehouses();
        ProductRows warehouses = new ProductRows().reset(level.getProductId());
        if (stocks.size() == 1) {
            warehouses.add(stocks.get(0).getWarehouseId(), stocks.get(0).getOnHand(), stocks.get(0).getReserved());
        } else if (!stocks.isEmpty()) {
            // sorted by warehouse; a warehouse listed twice counts with its last entry, as the comparison always did
            TreeMap<Long, WarehouseStock> byWarehouse = new TreeMap<>();
            stocks.forEach(stock -> byWarehouse.put(stock.getWarehouseId(), stock));
            byWarehouse.values().forEach(stock -> warehouses.add(stock.getWarehouseId(), stock.getOnHand(), stock.getReserved()));
        }
        return new StockLevelOf(level.getProductId(), level.getOnHand(), level.getReserved(), level.getAvailable(), warehouses);
    }
}
