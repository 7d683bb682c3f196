package dev.streamcart.loadgen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CatalogStoreTest {

    private static Path freshFolder(String name) throws IOException {
        Path folder = Path.of("target", "test-data", "catalog-store", name + "-" + System.nanoTime());
        Files.createDirectories(folder);
        return folder;
    }

    @Test
    void savedCatalogReadsBackEqualWithExactPrices() throws IOException {
        CatalogStore store = new CatalogStore(freshFolder("round-trip"));
        Catalog catalog = new Catalog(Catalog.FORMAT_VERSION, "x1y2z3", "2026-11-26T10:00:00Z", "http://127.0.0.1:8080",
                List.of(new Catalog.Seller(1, "Northwind Electronics")),
                List.of(new Catalog.Category(1, "Electronics", null), new Catalog.Category(2, "Phones", 1L)),
                List.of(new Catalog.Warehouse(7, "Reno Fulfilment Centre", "us-west")),
                List.of(new Catalog.Product(11, 1, 2, "PHN-X1Y2Z3-0001", "Nova X12 Smartphone, 128GB",
                        new BigDecimal("1199.99"), 0)),
                List.of(new Catalog.User(21, "ava.smith.1.x1y2z3@example.com", 2)));

        store.save(catalog);

        assertThat(store.file()).exists().hasFileName("catalog.json");
        assertThat(store.file().getParent()).hasFileName("loadgen");
        Catalog loaded = store.load();
        assertThat(loaded).isEqualTo(catalog);
        assertThat(loaded.products().get(0).price()).isEqualTo(new BigDecimal("1199.99"));
    }

    @Test
    void noSavedCatalogGivesNull() throws IOException {
        assertThat(new CatalogStore(freshFolder("empty")).load()).isNull();
    }
}
