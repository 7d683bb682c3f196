package dev.streamcart.loadgen.checkoutbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;

/**
 * The store the benchmark shops in, made through the API as a new marketplace would be: one
 * category and two warehouses (as the platform's admin), a seller who registers and is verified
 * by the admin, and products stocked deep enough never to run out.
 *
 * @param products the product ids
 */
record BenchShop(List<Long> products) {

    private static final String SELLER_PASSWORD = "checkout benchmark seller";
    private static final int UNITS_PER_RECEIPT = 1_000_000;

    BenchShop {
        products = List.copyOf(products);
    }

    static BenchShop create(ApiClient admin, ApiClient api, int productCount) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long category = admin.post("/api/categories", Map.of("name", "Benchmark " + tag)).expect(201, "category").id();
        List<Long> warehouses = List.of(
                admin.post("/api/warehouses", Map.of("name", "Bench West " + tag, "region", "eu-west"))
                        .expect(201, "warehouse").id(),
                admin.post("/api/warehouses", Map.of("name", "Bench North " + tag, "region", "eu-north"))
                        .expect(201, "warehouse").id());

        String sellerEmail = "bench-seller-" + tag + "@example.com";
        api.post("/api/users", Map.of("email", sellerEmail, "password", SELLER_PASSWORD, "firstName", "Bench",
                "lastName", "Seller")).expect(201, "register " + sellerEmail);
        ApiClient seller = api.login(sellerEmail, SELLER_PASSWORD);
        long sellerId = seller.post("/api/sellers", Map.of("name", "Bench seller " + tag, "email", sellerEmail))
                .expect(201, "register seller").id();
        // a new seller lists products only once an admin verified it
        admin.post("/api/admin/sellers/" + sellerId + "/verify", Map.of()).expect(200, "verify seller " + sellerId);
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            long product = seller.post("/api/products", Map.of("sellerId", sellerId, "categoryId", category,
                    "sku", "BENCH-" + tag + "-" + i, "name", "Bench product " + i, "price", (i % 50 + 1) + ".99"))
                    .expect(201, "create product").id();
            for (long warehouse : warehouses) {
                seller.post("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse,
                        "quantity", UNITS_PER_RECEIPT)).expect(201, "stock receipt");
            }
            products.add(product);
        }
        return new BenchShop(products);
    }
}
