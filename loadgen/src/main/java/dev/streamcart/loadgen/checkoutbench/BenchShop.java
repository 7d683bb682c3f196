package dev.streamcart.loadgen.checkoutbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The store the benchmark shops in, made through the API: one category and two warehouses (as the
 * platform's admin), a seller with products stocked deep enough never to run out, and one
 * signed-in customer per client.
 *
 * @param products the product ids
 * @param customers one signed-in client per concurrent shopper
 */
record BenchShop(List<Long> products, List<BenchClient> customers) {

    static final String PASSWORD = "checkout benchmark";
    private static final int UNITS_PER_RECEIPT = 1_000_000;

    static BenchShop create(BenchClient admin, BenchClient api, int productCount, int customerCount) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long category = admin.post("/api/categories", Map.of("name", "Benchmark " + tag), null).expect(201, "category").id();
        List<Long> warehouses = List.of(
                admin.post("/api/warehouses", Map.of("name", "Bench West " + tag, "region", "eu-west"), null)
                        .expect(201, "warehouse").id(),
                admin.post("/api/warehouses", Map.of("name", "Bench North " + tag, "region", "eu-north"), null)
                        .expect(201, "warehouse").id());

        BenchClient seller = register(api, "bench-seller-" + tag + "@example.com");
        long sellerId = seller.post("/api/sellers", Map.of("name", "Bench seller " + tag, "email",
                "bench-seller-" + tag + "@example.com"), null).expect(201, "register seller").id();
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            long product = seller.post("/api/products", Map.of("sellerId", sellerId, "categoryId", category,
                    "sku", "BENCH-" + tag + "-" + i, "name", "Bench product " + i, "price", (i % 50 + 1) + ".99"),
                    null).expect(201, "create product").id();
            for (long warehouse : warehouses) {
                seller.post("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse,
                        "quantity", UNITS_PER_RECEIPT), null).expect(201, "stock receipt");
            }
            products.add(product);
        }
        List<BenchClient> customers = new ArrayList<>();
        for (int i = 0; i < customerCount; i++) {
            customers.add(register(api, "bench-buyer-" + i + "-" + tag + "@example.com"));
        }
        return new BenchShop(List.copyOf(products), List.copyOf(customers));
    }

    private static BenchClient register(BenchClient api, String email) {
        api.post("/api/users", Map.of("email", email, "password", PASSWORD, "firstName", "Bench", "lastName", "Shopper"), null)
                .expect(201, "register " + email);
        return api.login(email, PASSWORD);
    }
}
