package dev.streamcart.loadgen.benchmark;

import java.time.Duration;
import java.util.Locale;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;

/**
 * Reads one seller's paid-order count of the last ten minutes straight from ClickHouse, so the
 * dashboard freshness benchmark can tell the pipeline's share of the time (up to the row in
 * ClickHouse) from the analytics API's. One seller's, because other buyers' orders for other
 * sellers' products run meanwhile.
 */
final class ClickHouseProbe implements AutoCloseable {

    private static final String PAID_ORDERS = "SELECT sum(orders) FROM %s FINAL"
            + " WHERE seller_id = %d AND minute >= now() - 600";

    private final ClickHouseClient clickHouse;
    private final String paidOrders;

    ClickHouseProbe(String clickHouseUrl, long sellerId) {
        this.clickHouse = ClickHouseClient.open(ClickHouseSettings.of(clickHouseUrl, ClickHouseSettings.DEFAULT_DATABASE),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        this.paidOrders = String.format(Locale.ROOT, PAID_ORDERS, clickHouse.qualified("product_sales_per_minute"), sellerId);
    }

    long paidOrders() {
        String value = clickHouse.scalar(paidOrders);
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }

    @Override
    public void close() {
        clickHouse.close();
    }
}
