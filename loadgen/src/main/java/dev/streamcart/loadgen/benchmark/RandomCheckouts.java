package dev.streamcart.loadgen.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import dev.streamcart.apiclient.ApiClient;

/**
 * The checkouts the benchmarks' background loads send: the {@link BuyerPool}'s next buyer orders one
 * or two units of a random product of the list and then pays by card. A product that runs short
 * (the order answers 409) is restocked by the admin, so the load does not dwindle into refusals.
 */
final class RandomCheckouts {

    private static final int RESTOCK_UNITS = 5_000;

    private final ApiClient api;
    private final ApiClient admin;
    private final long warehouse;
    private final BuyerPool buyers;
    private final List<Long> products;

    /** An order as its buyer sent it, and the answer (any status). */
    record Placed(ApiClient shopper, ApiClient.Response order) {}

    RandomCheckouts(ApiClient api, ApiClient admin, long warehouse, BuyerPool buyers, List<Long> products) {
        this.api = Objects.requireNonNull(api, "api");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.warehouse = warehouse;
        this.buyers = Objects.requireNonNull(buyers, "buyers");
        this.products = List.copyOf(products);
    }

    /** The next buyer's order of a random product; a 409 has restocked the product when this returns. */
    Placed order() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        BuyerPool.Buyer buyer = buyers.next();
        ApiClient shopper = api.withToken(buyer.token());
        long product = products.get(random.nextInt(products.size()));
        ApiClient.Response order = shopper.post("/api/orders", Map.of("userId", buyer.userId(),
                "items", List.of(Map.of("productId", product, "quantity", 1 + random.nextInt(2)))));
        if (order.status() == 409) {
            admin.create("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse, "quantity", RESTOCK_UNITS));
        }
        return new Placed(shopper, order);
    }

    /** The buyer pays the placed order by card. */
    ApiClient.Response pay(Placed placed) {
        return placed.shopper().post("/api/orders/" + placed.order().id() + "/payments",
                Map.of("method", "card", "cardNumber", "4242424242424242"));
    }
}
