package dev.streamcart.loadgen.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The ids of everything the simulator created through the API, saved as
 * {@code <platform.data-dir>/loadgen/catalog.json} so that later runs shop in the same store.
 *
 * @param runTag    short tag that keeps SKUs and e-mail addresses unique between catalogs
 * @param createdAt ISO-8601 instant of the bootstrap
 * @param apiUrl    the API the catalog was created in
 */
public record Catalog(
        int formatVersion,
        String runTag,
        String createdAt,
        String apiUrl,
        List<Seller> sellers,
        List<Category> categories,
        List<Warehouse> warehouses,
        List<Product> products,
        List<User> users) {

    /** The password every shopper of a simulated catalog registered with. */
    public static final String SHOPPER_PASSWORD = CatalogPlan.SHOPPER_PASSWORD;


    public static final int FORMAT_VERSION = 1;

    public Catalog {
        Objects.requireNonNull(runTag, "runTag");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(apiUrl, "apiUrl");
        sellers = List.copyOf(sellers);
        categories = List.copyOf(categories);
        warehouses = List.copyOf(warehouses);
        products = List.copyOf(products);
        users = List.copyOf(users);
    }

    public record Seller(long id, String name) {}

    public record Category(long id, String name, @Nullable Long parentId) {}

    public record Warehouse(long id, String name, String region) {}

    /** @param popularityRank 0 is the most popular product of the store */
    public record Product(long id, long sellerId, long categoryId, String sku, String name, BigDecimal price,
            int popularityRank) {}

    /** @param preferredCategoryId the leaf category this shopper mostly browses and buys from */
    public record User(long id, String email, long preferredCategoryId) {}
}
