package dev.streamcart.loadgen.seeding;

/**
 * The new stock of the inventory rows a batch of orders touched. Stock rows exist from the catalog
 * step on (reservations and shipments refer to them), so a batch updates them rather than inserting:
 * through a temporary table filled by COPY, then one UPDATE joined on the id.
 */
final class StockUpdate {

    static final String TABLE = "seed_stock";
    static final String COLUMNS = "id, quantity, reserved_quantity";

    static final String CREATE = "CREATE TEMP TABLE IF NOT EXISTS " + TABLE
            + " (id BIGINT PRIMARY KEY, quantity INTEGER NOT NULL, reserved_quantity INTEGER NOT NULL) ON COMMIT DELETE ROWS";
    static final String APPLY = "UPDATE inventory i SET quantity = s.quantity, reserved_quantity = s.reserved_quantity, "
            + "updated_at = now() FROM " + TABLE + " s WHERE i.id = s.id";

    private StockUpdate() {}
}
