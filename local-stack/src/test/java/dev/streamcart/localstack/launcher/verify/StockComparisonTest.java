package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import org.junit.jupiter.api.Test;

class StockComparisonTest {

    private static final Instant SETTLED_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void equalWarehousesAndTotalsMatch() {
        StockComparison.Result result = compare(List.of(product5()), level(5, 14, 3, 1, 10, 2, 2, 4, 1));

        assertThat(result.productsChecked()).isEqualTo(1);
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void aWarehouseThatDiffersIsAMismatchEvenWhenTotalsAgree() {
        StockComparison.Result result = compare(List.of(product5()), level(5, 14, 3, 1, 11, 2, 2, 3, 1));

        assertThat(result.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.id()).isEqualTo(5);
            assertThat(mismatch.detail()).isEqualTo("read model {1: 11/2, 2: 3/1} (total 14/3) but PostgreSQL {1: 10/2, 2: 4/1} (total 14/3)");
        });
    }

    @Test
    void totalsThatDifferAreAMismatchEvenWhenWarehousesAgree() {
        StockComparison.Result result = compare(List.of(product5()), level(5, 14, 2, 1, 10, 2, 2, 4, 1));

        assertThat(result.mismatches()).extracting(Mismatch::id).containsExactly(5L);
    }

    @Test
    void aMissingProductAndAnUnknownProductAreMismatches() {
        StockComparison.Result result = compare(List.of(product5()), level(6, 1, 0, 1, 1, 0));

        assertThat(result.productsChecked()).isEqualTo(2);
        assertThat(result.mismatches()).extracting(Mismatch::toString).containsExactly(
                "stock-levels 5: missing from the read model; PostgreSQL has {1: 10/2, 2: 4/1}",
                "stock-levels 6: read model {1: 1/0} (total 1/0) but PostgreSQL {} (total 0/0)");
    }

    @Test
    void aProductWhoseRowsWereAllDeletedMatchesNoRows() {
        assertThat(compare(List.of(), level(9, 0, 0)).mismatches()).isEmpty();
    }

    @Test
    void mismatchesComeInProductOrderWhereverTheProductIs() {
        StockComparison.Result result = compare(List.of(rows(2, 1, 1, 0), rows(4, 1, 1, 0)),
                level(1, 1, 0, 1, 1, 0), level(3, 1, 0, 1, 1, 0), level(5, 1, 0, 1, 1, 0));

        assertThat(result.productsChecked()).isEqualTo(5);
        assertThat(result.mismatches()).extracting(Mismatch::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void productsThatChangedBetweenTheSnapshotsOrRecentlyAreInFlight() {
        StockTable before = table(rows(1, 1, 5, 0), rows(2, 1, 5, 0), rows(4, 1, 5, 0), rows(5, 1, 5, 0));
        StockComparison comparison = new StockComparison(before, levels(), SETTLED_BEFORE);

        comparison.product(rows(1, 1, 6, 0), LONG_AGO);                     // changed between the snapshots
        comparison.product(rows(2, 1, 5, 0), SETTLED_BEFORE.plusMillis(1)); // changed within the grace
        comparison.product(rows(3, 1, 5, 0), LONG_AGO);                     // new since the first snapshot
        comparison.product(rows(5, 1, 5, 0), LONG_AGO);                     // settled: compared, and has no view
        StockComparison.Result result = comparison.finish();

        assertThat(result.productsChecked()).as("4 was deleted meanwhile and has no view: not seen").isEqualTo(4);
        assertThat(result.inFlight()).isEqualTo(3);
        assertThat(result.mismatches()).extracting(Mismatch::id).containsExactly(5L);
    }

    @Test
    void aViewOfAProductDeletedSinceTheFirstSnapshotIsInFlight() {
        StockComparison comparison = new StockComparison(table(rows(7, 1, 5, 0)), levels(level(7, 5, 0, 1, 5, 0)), SETTLED_BEFORE);

        StockComparison.Result result = comparison.finish();

        assertThat(result.productsChecked()).isEqualTo(1);
        assertThat(result.inFlight()).isEqualTo(1);
        assertThat(result.mismatchCount()).isZero();
    }

    @Test
    void everyMismatchIsCountedButOnlyTheFirstAreKept() {
        List<ProductRows> products = new ArrayList<>();
        for (int id = 1; id <= MismatchList.RETAINED + 5; id++) {
            products.add(rows(id, 1, 1, 0));
        }

        StockComparison.Result result = compare(products);

        assertThat(result.mismatchCount()).isEqualTo(MismatchList.RETAINED + 5);
        assertThat(result.mismatches()).hasSize(MismatchList.RETAINED);
        assertThat(result.mismatches().get(MismatchList.RETAINED - 1).id()).isEqualTo(MismatchList.RETAINED);
    }

    /** Compares {@code rows} as both snapshots with nothing in flight. */
    private static StockComparison.Result compare(List<ProductRows> rows, StockLevel... levels) {
        StockComparison comparison = new StockComparison(table(rows.toArray(ProductRows[]::new)), levels(levels), SETTLED_BEFORE);
        rows.forEach(product -> comparison.product(product, LONG_AGO));
        return comparison.finish();
    }

    private static ProductRows product5() {
        return rows(5, 1, 10, 2, 2, 4, 1);
    }

    /** warehouses as (id, onHand, reserved) triples. */
    static ProductRows rows(long productId, int... warehouses) {
        ProductRows rows = new ProductRows().reset(productId);
        for (int i = 0; i < warehouses.length; i += 3) {
            rows.add(warehouses[i], warehouses[i + 1], warehouses[i + 2]);
        }
        return rows;
    }

    static StockTable table(ProductRows... products) {
        StockTable.Builder table = new StockTable.Builder();
        for (ProductRows product : products) {
            table.add(product);
        }
        return table.build();
    }

    static StockLevelTable levels(StockLevel... levels) {
        LatestStockLevels latest = new LatestStockLevels();
        for (StockLevel level : levels) {
            latest.put(level.getProductId(), StockLevelOf.of(level));
        }
        return latest.build();
    }

    /** warehouses as (id, onHand, reserved) triples after the totals. */
    static StockLevel level(long productId, int onHand, int reserved, int... warehouses) {
        List<WarehouseStock> stocks = new ArrayList<>();
        for (int i = 0; i < warehouses.length; i += 3) {
            stocks.add(WarehouseStock.newBuilder().setWarehouseId(warehouses[i]).setOnHand(warehouses[i + 1])
                    .setReserved(warehouses[i + 2]).setAvailable(warehouses[i + 1] - warehouses[i + 2]).setSourceLsn(1).build());
        }
        return StockLevel.newBuilder().setProductId(productId).setOnHand(onHand).setReserved(reserved)
                .setAvailable(onHand - reserved).setWarehouses(stocks).setUpdatedAt(Instant.EPOCH).build();
    }
}
