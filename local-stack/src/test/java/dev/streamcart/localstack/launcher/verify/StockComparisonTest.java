package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import org.junit.jupiter.api.Test;

class StockComparisonTest {

    private static final List<InventoryRow> ROWS = List.of(new InventoryRow(5, 1, 10, 2), new InventoryRow(5, 2, 4, 1));

    @Test
    void equalWarehousesAndTotalsMatch() {
        StockComparison.Result result = StockComparison.compare(ROWS, Map.of("5", level(5, 14, 3, 1, 10, 2, 2, 4, 1)));

        assertThat(result.productsChecked()).isEqualTo(1);
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void aWarehouseThatDiffersIsAMismatchEvenWhenTotalsAgree() {
        StockComparison.Result result = StockComparison.compare(ROWS, Map.of("5", level(5, 14, 3, 1, 11, 2, 2, 3, 1)));

        assertThat(result.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.id()).isEqualTo(5);
            assertThat(mismatch.detail()).contains("{1: 11/2, 2: 3/1}").contains("{1: 10/2, 2: 4/1}");
        });
    }

    @Test
    void aMissingProductAndAnUnknownProductAreMismatches() {
        StockComparison.Result result = StockComparison.compare(ROWS, Map.of("6", level(6, 1, 0, 1, 1, 0)));

        assertThat(result.productsChecked()).isEqualTo(2);
        assertThat(result.mismatches()).extracting(Mismatch::id).containsExactly(5L, 6L);
    }

    @Test
    void aProductWhoseRowsWereAllDeletedMatchesNoRows() {
        assertThat(StockComparison.compare(List.of(), Map.of("9", level(9, 0, 0))).mismatches()).isEmpty();
    }

    /** warehouses as (id, onHand, reserved) triples after the totals. */
    private static StockLevel level(long productId, int onHand, int reserved, int... warehouses) {
        List<WarehouseStock> stocks = new ArrayList<>();
        for (int i = 0; i < warehouses.length; i += 3) {
            stocks.add(WarehouseStock.newBuilder().setWarehouseId(warehouses[i]).setOnHand(warehouses[i + 1])
                    .setReserved(warehouses[i + 2]).setAvailable(warehouses[i + 1] - warehouses[i + 2]).setSourceLsn(1).build());
        }
        return StockLevel.newBuilder().setProductId(productId).setOnHand(onHand).setReserved(reserved)
                .setAvailable(onHand - reserved).setWarehouses(stocks).setUpdatedAt(Instant.EPOCH).build();
    }
}
