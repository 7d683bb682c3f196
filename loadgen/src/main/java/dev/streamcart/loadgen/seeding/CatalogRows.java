package dev.streamcart.loadgen.seeding;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes the seeded catalog: the category tree, verified sellers (so their products are for sale),
 * warehouses, products and their stock rows, in COPY batches.
 */
final class CatalogRows {

    private static final int BATCH = 20_000;

    private final SeededCatalog catalog;
    private final RowSink sink;
    private final Instant openedAt;
    private final SeedProgress progress;

    CatalogRows(SeededCatalog catalog, RowSink sink, Instant openedAt, SeedProgress progress) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    void write() throws SQLException {
        categories();
        sellers();
        warehouses();
        products();
        inventory();
    }

    private void categories() throws SQLException {
        CopyText rows = new CopyText("categories", "id, name, description, parent_id, level, sort_order, created_at, updated_at");
        for (int d = 0; d < catalog.departments; d++) {
            String name = Vocabulary.DEPARTMENTS.get(d).name();
            rows.row().add(catalog.departmentCategoryId(d)).add(name).add("Everything in " + name).nullValue()
                    .add(1).add(d).add(openedAt).add(openedAt);
        }
        for (int s = 0; s < catalog.subcategories; s++) {
            int department = s / Vocabulary.SUBCATEGORIES_PER_DEPARTMENT;
            Vocabulary.Department parent = Vocabulary.DEPARTMENTS.get(department);
            String name = parent.goods().get(s % parent.goods().size()) + " " + Vocabulary.STYLES.get(s % Vocabulary.STYLES.size());
            rows.row().add(catalog.subcategoryId(s)).add(name).add(parent.name() + ": " + name)
                    .add(catalog.departmentCategoryId(department)).add(2).add(s % Vocabulary.SUBCATEGORIES_PER_DEPARTMENT)
                    .add(openedAt).add(openedAt);
        }
        for (int leaf = 0; leaf < catalog.leaves; leaf++) {
            int subcategory = leaf / Vocabulary.LEAVES_PER_SUBCATEGORY;
            String name = "Range " + (char) ('A' + leaf % Vocabulary.LEAVES_PER_SUBCATEGORY) + " " + (subcategory + 1);
            rows.row().add(catalog.leafCategoryId(leaf)).add(name).nullValue().add(catalog.subcategoryId(subcategory))
                    .add(3).add(leaf % Vocabulary.LEAVES_PER_SUBCATEGORY).add(openedAt).add(openedAt);
        }
        write(rows);
    }

    private void sellers() throws SQLException {
        CopyText rows = sellerRows();
        for (int s = 0; s < catalog.sellers; s++) {
            long id = catalog.firstSellerId + s;
            rows.row().add(id).add(Vocabulary.BRANDS.get(s % Vocabulary.BRANDS.size()) + " Trading " + id)
                    .add("seller" + id + "@seed.streamcart.local").add("company")
                    .cents(1500).add(true).add(openedAt).add(true).add(openedAt).add(openedAt);
            if (rows.rows() == BATCH) {
                write(rows);
                rows = sellerRows();
            }
        }
        write(rows);
    }

    private static CopyText sellerRows() {
        return new CopyText("sellers",
                "id, name, email, business_type, commission_rate, is_verified, verified_at, is_active, created_at, updated_at");
    }

    private void warehouses() throws SQLException {
        CopyText rows = new CopyText("warehouses", "id, name, region, created_at");
        for (int w = 0; w < Vocabulary.WAREHOUSES.size(); w++) {
            Vocabulary.Warehouse warehouse = Vocabulary.WAREHOUSES.get(w);
            rows.row().add(catalog.warehouseId(w)).add(warehouse.name() + " " + catalog.warehouseId(w))
                    .add(warehouse.region()).add(openedAt);
        }
        write(rows);
    }

    private void products() throws SQLException {
        CopyText rows = productRows();
        for (int p = 0; p < catalog.products; p++) {
            String name = catalog.productName(p);
            Instant listed = openedAt.plus(Duration.ofMinutes(p % 10_000));
            rows.row().add(catalog.productId(p)).add(catalog.sellerId(p)).add(catalog.categoryId(p)).add(catalog.sku(p))
                    .add(name).add("The " + name + ", sold by " + catalog.brand(p) + ".").add(catalog.brand(p))
                    .cents(catalog.priceCents[p]).add("USD").add("{\"weightGrams\": " + (200 + (p % 9) * 100) + "}")
                    // stock rows follow in the same seed, so the trigger that keeps this flag finds nothing to flip
                    .add(true).add(listed).add(listed);
            if (rows.rows() == BATCH) {
                write(rows);
                rows = productRows();
            }
        }
        write(rows);
    }

    private static CopyText productRows() {
        return new CopyText("products",
                "id, seller_id, category_id, sku, name, description, brand, price, currency, attributes, in_stock, created_at, updated_at");
    }

    private void inventory() throws SQLException {
        CopyText rows = inventoryRows();
        for (int slot = 0; slot < catalog.products * SeededCatalog.SLOTS_PER_PRODUCT; slot++) {
            int product = slot / SeededCatalog.SLOTS_PER_PRODUCT;
            rows.row().add(catalog.inventoryId(slot)).add(catalog.productId(product))
                    .add(catalog.warehouseId(catalog.warehouseOfSlot[slot])).add(catalog.onHand[slot]).add(0).add(openedAt);
            if (rows.rows() == BATCH) {
                write(rows);
                rows = inventoryRows();
            }
        }
        write(rows);
    }

    private static CopyText inventoryRows() {
        return new CopyText("inventory", "id, product_id, warehouse_id, quantity, reserved_quantity, updated_at");
    }

    private void write(CopyText rows) throws SQLException {
        sink.write(rows);
        progress.rowsWritten(rows.rows());
    }
}
