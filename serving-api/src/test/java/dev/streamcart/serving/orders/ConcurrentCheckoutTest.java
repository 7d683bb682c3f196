package dev.streamcart.serving.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrentCheckoutTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void fortyBuyersForFifteenUnitsOverTwoWarehousesNeverOversell() throws Exception {
        long product = shop.product("9.99");
        shop.receive(product, shop.warehouse(), 8);
        shop.receive(product, shop.warehouse(), 7);
        List<Long> users = List.of(shop.user(), shop.user(), shop.user(), shop.user());

        List<ApiClient.Response> responses = runTogether(40, i -> shop.placeOrder(users.get(i % users.size()), product, 1));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(ApiClient.Response::status, Collectors.counting()));
        assertThat(byStatus).as(responses.toString()).isEqualTo(Map.of(201, 15L, 409, 25L));
        assertThat(db.reserved(product)).isEqualTo(15);
        assertThat(db.count("SELECT count(*) FROM inventory WHERE product_id = ? AND reserved_quantity <> quantity", product))
                .as("both warehouses fully reserved").isZero();
        assertThat(db.count("SELECT sum(quantity) FROM stock_reservations WHERE product_id = ? AND status = 'HELD'", product))
                .isEqualTo(15);
        assertThat(db.count("SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.product_id = ?",
                product)).isEqualTo(15);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE event_type = 'ORDER_PLACED' AND payload @> ?::jsonb",
                "{\"items\":[{\"productId\":" + product + "}]}")).as("Avro JSON keeps the lines' keys").isEqualTo(15);
    }

    @Test
    void checkoutsLockingTheSameProductsInOppositeOrderNeitherDeadlockNorOversell() throws Exception {
        long a = shop.product("1.00");
        long b = shop.product("2.00");
        long warehouse = shop.warehouse();
        shop.receive(a, warehouse, 20);
        shop.receive(b, warehouse, 20);
        long user = shop.user();

        List<ApiClient.Response> responses = runTogether(30, i -> i % 2 == 0
                ? shop.placeOrder(user, a, 1, b, 1)
                : shop.placeOrder(user, b, 1, a, 1));

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(ApiClient.Response::status, Collectors.counting()));
        assertThat(byStatus).as(responses.toString()).isEqualTo(Map.of(201, 20L, 409, 10L));
        assertThat(db.rows("SELECT quantity, reserved_quantity FROM inventory WHERE product_id IN (?, ?)", a, b))
                .allSatisfy(row -> assertThat(row).containsEntry("reserved_quantity", 20));
    }

    private static List<ApiClient.Response> runTogether(int requests, Function<Integer, ApiClient.Response> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int index = i;
                Callable<ApiClient.Response> call = () -> {
                    start.await();
                    return request.apply(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
