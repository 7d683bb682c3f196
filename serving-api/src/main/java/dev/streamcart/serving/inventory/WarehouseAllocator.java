package dev.streamcart.serving.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.streamcart.serving.shipping.ShippingZone;
import org.jspecify.annotations.Nullable;

/**
 * Decides which warehouses serve an order. Warehouses are ranked, per product, by distance to the
 * buyer's region first ({@link ShippingZone}: same region, then same continent, then elsewhere), then
 * by most available units, then by id (so plans are deterministic). A line goes to the first-ranked
 * warehouse that can cover it whole (one parcel); when none can, it is split over the ranking in
 * order. Without a buyer region every warehouse is equally near, so the fullest wins. Pure: no I/O.
 */
public final class WarehouseAllocator {

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

    /** Without a buyer region: the fullest warehouse first. */
    public static Plan allocate(Map<Long, Integer> requested, List<InventoryRow> rows) {
        return allocate(requested, rows, null);
    }

    /**
     * @param requested   units per product id, in the order the lines should be served
     * @param rows        inventory rows of those products (any order), with their warehouses' regions
     * @param buyerRegion where the parcel goes (e.g. "eu-west"); null when unknown
     */
    public static Plan allocate(Map<Long, Integer> requested, List<InventoryRow> rows, @Nullable String buyerRegion) {
        Comparator<InventoryRow> ranking = Comparator
                .comparingInt((InventoryRow row) -> buyerRegion == null ? 0
                        : ShippingZone.between(row.warehouseRegion(), buyerRegion))
                .thenComparing(Comparator.comparingInt(InventoryRow::available).reversed())
                .thenComparingLong(InventoryRow::warehouseId);
        List<Allocation> allocations = new ArrayList<>();
        List<Shortage> shortages = new ArrayList<>();
        for (Map.Entry<Long, Integer> line : requested.entrySet()) {
            long productId = line.getKey();
            int wanted = line.getValue();
            List<InventoryRow> candidates = rows.stream()
                    .filter(row -> row.productId() == productId && row.available() > 0)
                    .sorted(ranking)
                    .toList();
            int total = candidates.stream().mapToInt(InventoryRow::available).sum();
            if (total < wanted) {
                shortages.add(new Shortage(productId, wanted, total));
                continue;
            }
            Optional<InventoryRow> whole = candidates.stream().filter(row -> row.available() >= wanted).findFirst();
            if (whole.isPresent()) {
                allocations.add(new Allocation(productId, whole.get().warehouseId(), wanted));
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
