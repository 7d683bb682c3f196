package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.streamcart.schemas.order.OrderStatus;
import org.junit.jupiter.api.Test;

/**
 * The verifier's memory is bounded per entry: what each structure holds, and the whole comparison at
 * the scale target (1M products with two warehouses each, 2M orders) in a JVM with two thirds of
 * the launcher's heap. A boxed map of full records needs gigabytes there.
 */
class VerifierMemoryTest {

    private static final int PRODUCTS = 100_000;
    private static final int ORDERS = 200_000;

    @Test
    void eachStructureHoldsAFewBytesPerEntry() {
        StatusCodes codes = new StatusCodes();
        StockTable.Builder inventory = new StockTable.Builder();
        LatestStockLevels levels = new LatestStockLevels();
        ProductRows rows = new ProductRows();
        for (long id = 1; id <= PRODUCTS; id++) {
            rows.reset(id).add(1, 10, 1).add(2, 20, 2);
            inventory.add(rows);
            levels.put(id, new StockLevelOf(id, 30, 3, 27, rows));
        }
        OrderStatusTable.Builder statuses = new OrderStatusTable.Builder();
        LatestOrderStatuses views = new LatestOrderStatuses(codes);
        for (long id = 1; id <= ORDERS; id++) {
            statuses.add(id, codes.code("PAID"));
            views.put(id, new OrderStatusOf(id, OrderStatus.PENDING_PAYMENT.name()));
            views.put(id, new OrderStatusOf(id, OrderStatus.PAID.name()));
        }

        // columns grow by half, so up to 1.5 times the data while folding
        assertThat(levels.retainedBytes() / (double) PRODUCTS).as("bytes per product while folding stock-levels").isLessThan(100);
        assertThat(levels.build().retainedBytes() / (double) PRODUCTS).as("bytes per product of stock-levels").isLessThan(57);
        assertThat(inventory.build().retainedBytes() / (double) PRODUCTS).as("bytes per product of inventory").isLessThan(45);
        assertThat(views.retainedBytes() / (double) ORDERS).as("bytes per order while folding order-views").isLessThan(40);
        assertThat(views.build().retainedBytes() / (double) ORDERS).as("bytes per order of order-views").isLessThanOrEqualTo(9);
        assertThat(statuses.build().retainedBytes() / (double) ORDERS).as("bytes per order of orders").isLessThanOrEqualTo(9);
    }

    @Test
    void theComparisonAtTheScaleTargetFitsInTwoThirdsOfTheLaunchersHeap() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                VerifyFootprintMain.class.getName(), "1000000", "2000000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);   // the phases' times: a benchmark's figures, not asserted

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("products checked 1000000, orders checked 2000000, 0 mismatches");
    }
}
