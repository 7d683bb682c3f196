package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL walked through cursors: products whole and in order across fetch boundaries, orders in order. */
class PostgresReaderTest {

    private static final int PRODUCTS = PostgresReader.FETCH_SIZE + 2_345;
    private static final int ORDERS = PostgresReader.FETCH_SIZE * 2 + 17;

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() throws Exception {
        Path folder = Path.of("target/it-data/" + PostgresReaderTest.class.getSimpleName());
        Folders.delete(folder);
        infra = LocalInfrastructure.builder(folder).postgres().start();
        try (Connection connection = infra.postgres().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE TABLE inventory (id bigserial PRIMARY KEY, product_id bigint NOT NULL, warehouse_id bigint NOT NULL,
                        quantity int NOT NULL, reserved_quantity int NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now(),
                        UNIQUE (product_id, warehouse_id))""");
            sql.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, status varchar(32) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            // inserted in descending order with three warehouses each, so only ORDER BY gives ids and warehouses ascending
            sql.execute("INSERT INTO inventory (product_id, warehouse_id, quantity, reserved_quantity, updated_at) "
                    + "SELECT p, w, p % 100 + w, w, timestamptz '2026-01-01' + w * interval '1 hour' "
                    + "FROM generate_series(" + PRODUCTS + ", 1, -1) p, generate_series(3, 1, -1) w");
            sql.execute("INSERT INTO orders (id, status, updated_at) SELECT o, CASE WHEN o % 2 = 0 THEN 'PAID' ELSE 'SHIPPED' END, "
                    + "timestamptz '2026-01-01' FROM generate_series(" + ORDERS + ", 1, -1) o");
        }
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void walksEveryProductWholeAndEveryOrderInIdOrder() throws Exception {
        StatusCodes codes = new StatusCodes();
        List<String> wrongProducts = new ArrayList<>();
        long[] products = {0};
        long[] orders = {0};
        Instant readAt;
        try (Connection connection = infra.postgres().getConnection()) {
            readAt = PostgresReader.read(connection, codes,
                    (rows, changedAt) -> {
                        long expected = ++products[0];
                        String expectedRows = "{1: " + (expected % 100 + 1) + "/1, 2: " + (expected % 100 + 2) + "/2, 3: "
                                + (expected % 100 + 3) + "/3}";
                        if (rows.productId() != expected || !rows.describe().equals(expectedRows)
                                || !changedAt.equals(Instant.parse("2026-01-01T03:00:00Z"))) {
                            wrongProducts.add(rows.productId() + " " + rows.describe() + " " + changedAt);
                        }
                    },
                    (orderId, status, changedAt) -> {
                        orders[0]++;
                        assertThat(orderId).isEqualTo(orders[0]);
                        assertThat(codes.name(status)).isEqualTo(orderId % 2 == 0 ? "PAID" : "SHIPPED");
                    });
            assertThat(connection.getAutoCommit()).as("restored").isTrue();
        }

        assertThat(wrongProducts).isEmpty();
        assertThat(products[0]).isEqualTo(PRODUCTS);
        assertThat(orders[0]).isEqualTo(ORDERS);
        assertThat(readAt).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
