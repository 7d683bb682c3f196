package dev.streamcart.localstack.launcher.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import org.jspecify.annotations.Nullable;

/**
 * Compares the {@code stock-levels} read model with the {@code inventory} table, per warehouse and
 * in total. A product the read model lists without warehouses (all rows deleted) matches a product
 * with no row in PostgreSQL.
 */
final class StockComparison {

    static final String VIEW = "stock-levels";

    private StockComparison() {}

    /** The mismatches, how many products were seen, and how many of them were in flight (not compared). */
    record Result(int productsChecked, int inFlight, List<Mismatch> mismatches) {}

    static Result compare(List<InventoryRow> rows, Map<String, StockLevel> levels) {
        return compare(rows, levels, Set.of());
    }

    /** @param inFlight products that changed too recently to be compared */
    static Result compare(List<InventoryRow> rows, Map<String, StockLevel> levels, Set<Long> inFlight) {
        Map<Long, Map<Long, InventoryRow>> expected = new TreeMap<>();
        for (InventoryRow row : rows) {
            expected.computeIfAbsent(row.productId(), id -> new TreeMap<>()).put(row.warehouseId(), row);
        }
        Map<Long, StockLevel> actual = levels.values().stream()
                .collect(Collectors.toMap(StockLevel::getProductId, level -> level, (a, b) -> b, TreeMap::new));
        Set<Long> products = new TreeSet<>(expected.keySet());
        products.addAll(actual.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        int skipped = 0;
        for (long productId : products) {
            if (inFlight.contains(productId)) {
                skipped++;
                continue;
            }
            compareProduct(productId, expected.getOrDefault(productId, Map.of()), actual.get(productId))
                    .ifPresent(mismatches::add);
        }
        return new Result(products.size(), skipped, mismatches);
    }

    private static Optional<Mismatch> compareProduct(long productId, Map<Long, InventoryRow> rows,
            @Nullable StockLevel level) {
        if (level == null) {
            return rows.isEmpty() ? Optional.empty()
                    : mismatch(productId, "missing from the read model; PostgreSQL has " + describe(rows));
        }
        Map<Long, InventoryRow> derived = new TreeMap<>();
        for (WarehouseStock warehouse : level.getWarehouses()) {
            derived.put(warehouse.getWarehouseId(),
                    new InventoryRow(productId, warehouse.getWarehouseId(), warehouse.getOnHand(), warehouse.getReserved()));
        }
        int onHand = rows.values().stream().mapToInt(InventoryRow::onHand).sum();
        int reserved = rows.values().stream().mapToInt(InventoryRow::reserved).sum();
        boolean totalsMatch = level.getOnHand() == onHand && level.getReserved() == reserved
                && level.getAvailable() == onHand - reserved;
        if (totalsMatch && Objects.equals(derived, rows)) {
            return Optional.empty();
        }
        return mismatch(productId, "read model " + describe(derived) + " (total " + level.getOnHand() + "/"
                + level.getReserved() + ") but PostgreSQL " + describe(rows) + " (total " + onHand + "/" + reserved + ")");
    }

    /** {@code {warehouse: onHand/reserved, ...}}. */
    private static String describe(Map<Long, InventoryRow> rows) {
        return rows.values().stream()
                .map(row -> row.warehouseId() + ": " + row.onHand() + "/" + row.reserved())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Optional<Mismatch> mismatch(long productId, String detail) {
        return Optional.of(new Mismatch(VIEW, productId, detail));
    }
}
