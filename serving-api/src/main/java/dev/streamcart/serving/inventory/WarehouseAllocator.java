package dev.streamcart.serving.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides which warehouses serve an order: for each product, the warehouse with the most available
 * units when it can cover the whole line (one shipment), otherwise the line is split over the
 * warehouses with the most available units first (fewest shipments). Pure: no I/O.
 */
public final class WarehouseAllocator {

    private static final Comparator<InventoryRow> MOST_AVAILABLE_FIRST =
            Comparator.comparingInt(InventoryRow::available).reversed().thenComparingLong(InventoryRow::warehouseId);

    /** Either allocations covering every line, or the shortages that prevent it. */
    public record Plan(List<Allocation> allocations, List<Shortage> shortages) {
        public Plan {
            allocations = List.copyOf(allocations);
            shortages = List.copyOf(shortages);
        }

        public boolean feasible() {
            return shortages.isEmpty();
        }
    }

    private WarehouseAllocator() {}

    /**
     * @param requested units per product id, in the order the lines should be served
     * @param rows      inventory rows of those products (any order)
     */
    public static Plan allocate(Map<Long, Integer> requested, List<InventoryRow> rows) {
        List<Allocation> allocations = new ArrayList<>();
        List<Shortage> shortages = new ArrayList<>();
        for (Map.Entry<Long, Integer> line : requested.entrySet()) {
            long productId = line.getKey();
            int wanted = line.getValue();
            List<InventoryRow> candidates = rows.stream()
                    .filter(row -> row.productId() == productId && row.available() > 0)
                    .sorted(MOST_AVAILABLE_FIRST)
                    .toList();
            int total = candidates.stream().mapToInt(InventoryRow::available).sum();
            if (total < wanted) {
                shortages.add(new Shortage(productId, wanted, total));
                continue;
            }
            int remaining = wanted;
            for (InventoryRow row : candidates) {
                int take = Math.min(remaining, row.available());
                allocations.add(new Allocation(productId, row.warehouseId(), take));
                remaining -= take;
                if (remaining == 0) {
                    break;
                }
            }
        }
        return new Plan(allocations, shortages);
    }
}
