package dev.streamcart.serving.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WarehouseAllocatorTest {

    private static Map<Long, Integer> want(long productId, int quantity) {
        Map<Long, Integer> requested = new LinkedHashMap<>();
        requested.put(productId, quantity);
        return requested;
    }

    @Test
    void theWarehouseWithMostAvailableUnitsServesALineItCanCover() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 50, 45), new InventoryRow(1, 20, 9, 0),
                new InventoryRow(1, 30, 6, 0));

        WarehouseAllocator.Plan plan = WarehouseAllocator.allocate(want(1, 6), rows);

        assertThat(plan.allocations()).containsExactly(new Allocation(1, 20, 6));
    }

    @Test
    void aLineNoWarehouseCoversIsSplitOverTheFullestFirst() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 3, 0), new InventoryRow(1, 20, 5, 1),
                new InventoryRow(1, 30, 6, 0));

        WarehouseAllocator.Plan plan = WarehouseAllocator.allocate(want(1, 11), rows);

        assertThat(plan.allocations()).containsExactly(new Allocation(1, 30, 6), new Allocation(1, 20, 4),
                new Allocation(1, 10, 1));
    }

    @Test
    void equalAvailabilityPrefersTheLowerWarehouseIdSoPlansAreDeterministic() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 20, 5, 0), new InventoryRow(1, 10, 5, 0));

        assertThat(WarehouseAllocator.allocate(want(1, 2), rows).allocations()).containsExactly(new Allocation(1, 10, 2));
    }

    @Test
    void shortProductsAreReportedWithWhatIsAvailable() {
        Map<Long, Integer> requested = new LinkedHashMap<>();
        requested.put(1L, 2);
        requested.put(2L, 9);
        requested.put(3L, 1);
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 5, 0), new InventoryRow(2, 10, 4, 0),
                new InventoryRow(2, 20, 8, 4));

        WarehouseAllocator.Plan plan = WarehouseAllocator.allocate(requested, rows);

        assertThat(plan.feasible()).isFalse();
        assertThat(plan.shortages()).containsExactly(new Shortage(2, 9, 8), new Shortage(3, 1, 0));
    }

    @Test
    void fullyReservedRowsOfferNothing() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 4, 4));

        assertThat(WarehouseAllocator.allocate(want(1, 1), rows).shortages()).containsExactly(new Shortage(1, 1, 0));
    }

    @Test
    void aWarehouseInTheBuyersRegionWinsOverAFullerOneElsewhere() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 100, 0, "eu-west"), new InventoryRow(1, 20, 5, 0, "us-east"));

        assertThat(WarehouseAllocator.allocate(want(1, 3), rows, "us-east").allocations())
                .containsExactly(new Allocation(1, 20, 3));
        assertThat(WarehouseAllocator.allocate(want(1, 3), rows, "eu-west").allocations())
                .containsExactly(new Allocation(1, 10, 3));
    }

    @Test
    void theSameContinentComesBeforeAnotherContinent() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 100, 0, "us-east"), new InventoryRow(1, 20, 5, 0, "eu-north"),
                new InventoryRow(1, 30, 50, 0, null));

        assertThat(WarehouseAllocator.allocate(want(1, 3), rows, "eu-west").allocations())
                .containsExactly(new Allocation(1, 20, 3));
    }

    @Test
    void withinOneRegionTheFullestWins() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 4, 0, "eu-west"), new InventoryRow(1, 20, 9, 0, "eu-west"),
                new InventoryRow(1, 30, 90, 0, "us-east"));

        assertThat(WarehouseAllocator.allocate(want(1, 3), rows, "eu-west").allocations())
                .containsExactly(new Allocation(1, 20, 3));
    }

    @Test
    void whenNoNearbyWarehouseCoversTheLineAFartherOneShipsItWhole() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 2, 0, "eu-west"), new InventoryRow(1, 20, 9, 0, "us-east"));

        assertThat(WarehouseAllocator.allocate(want(1, 5), rows, "eu-west").allocations())
                .containsExactly(new Allocation(1, 20, 5));
    }

    @Test
    void aLineNoWarehouseCoversIsSplitNearestFirst() {
        List<InventoryRow> rows = List.of(new InventoryRow(1, 10, 2, 0, "eu-west"), new InventoryRow(1, 20, 9, 0, "us-east"));

        assertThat(WarehouseAllocator.allocate(want(1, 10), rows, "eu-west").allocations())
                .containsExactly(new Allocation(1, 10, 2), new Allocation(1, 20, 8));
    }
}
