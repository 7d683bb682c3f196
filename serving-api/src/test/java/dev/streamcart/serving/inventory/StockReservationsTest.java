package dev.streamcart.serving.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The short-lock reservation on real PostgreSQL: a plan made without locks is applied only while it still holds. */
class StockReservationsTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final StockReservations reservations = new StockReservations();
    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void aPreviewedPlanIsReservedWhileTheUnitsAreStillThere() throws Exception {
        long product = shop.product("3.00");
        long first = shop.warehouse();
        long second = shop.warehouse();
        shop.receive(product, first, 2);
        shop.receive(product, second, 5);

        try (Connection connection = SERVER.database().getConnection()) {
            connection.setAutoCommit(false);
            WarehouseAllocator.Plan plan = reservations.preview(connection, Map.of(product, 6), null);
            assertThat(plan.feasible()).isTrue();
            assertThat(reservations.reserveIfAvailable(connection, plan.allocations())).isTrue();
            connection.commit();
        }

        assertThat(db.reserved(product)).isEqualTo(6);
        assertThat(db.count("SELECT count(*) FROM inventory WHERE product_id = ? AND reserved_quantity > quantity",
                product)).isZero();
    }

    @Test
    void aPlanOvertakenByAnotherCheckoutIsRefusedAndReservesNothingOnceRolledBack() throws Exception {
        long product = shop.product("3.00");
        long first = shop.warehouse();
        long second = shop.warehouse();
        shop.receive(product, first, 4);
        shop.receive(product, second, 4);

        try (Connection late = SERVER.database().getConnection();
                Connection early = SERVER.database().getConnection()) {
            late.setAutoCommit(false);
            early.setAutoCommit(false);
            WarehouseAllocator.Plan stale = reservations.preview(late, Map.of(product, 7), null);
            assertThat(stale.feasible()).isTrue();
            // another checkout takes units from both warehouses between the preview and the update
            List<Allocation> taken = List.of(new Allocation(product, first, 1), new Allocation(product, second, 1));
            assertThat(reservations.reserveIfAvailable(early, taken)).isTrue();
            early.commit();

            assertThat(reservations.reserveIfAvailable(late, stale.allocations()))
                    .as("7 of the 6 units left cannot be reserved").isFalse();
            late.rollback();
        }

        assertThat(db.reserved(product)).isEqualTo(2);
    }
}
