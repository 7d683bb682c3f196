package dev.streamcart.localstack.launcher.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;

/**
 * The verifier's PostgreSQL part at scale: loads {@code products} products with two warehouses each
 * and {@code orders} orders into an embedded PostgreSQL, then reads the first snapshot into its
 * compact form and walks the second through the comparisons (against read models equal to the
 * tables), timing each. Prints the times and the heap's peak; exits 1 unless everything matches.
 *
 * <p>{@code java -Xmx384m -XX:+UseSerialGC -cp ... VerifyPostgresBenchmarkMain 1000000 2000000}
 */
public final class VerifyPostgresBenchmarkMain {

    private VerifyPostgresBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        int products = Integer.parseInt(args[0]);
        int orders = Integer.parseInt(args[1]);
        Path folder = Path.of("target/benchmark-data/" + VerifyPostgresBenchmarkMain.class.getSimpleName());
        Folders.delete(folder);
        int exit;
        try (LocalInfrastructure infra = LocalInfrastructure.builder(folder).postgres().start();
                Connection connection = infra.postgres().getConnection()) {
            long phase = System.nanoTime();
            load(connection, products, orders);
            report("load " + 2L * products + " inventory rows, " + orders + " orders", phase);

            StatusCodes codes = new StatusCodes();
            phase = System.nanoTime();
            PostgresSnapshot before = PostgresSnapshot.read(connection, codes);
            report(String.format(Locale.ROOT, "first snapshot (holds %.1f MB)", before.retainedBytes() / 1e6), phase);

            StockLevelTable levels = levelsOf(before.inventory());
            Instant settledBefore = before.readAt();
            StockComparison stock = new StockComparison(before.inventory(), levels, settledBefore);
            OrderComparison orderComparison = new OrderComparison(before.statuses(), before.statuses(), settledBefore, codes);
            phase = System.nanoTime();
            PostgresReader.read(connection, codes, stock, orderComparison);
            StockComparison.Result stockResult = stock.finish();
            OrderComparison.Result orderResult = orderComparison.finish();
            report("second snapshot walked and compared", phase);

            System.out.printf(Locale.ROOT, "products checked %d (%d in flight), orders checked %d (%d in flight), %d mismatches%n",
                    stockResult.productsChecked(), stockResult.inFlight(), orderResult.ordersChecked(), orderResult.inFlight(),
                    stockResult.mismatchCount() + orderResult.mismatchCount());
            System.out.printf(Locale.ROOT, "heap: max %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
            exit = stockResult.productsChecked() == products && orderResult.ordersChecked() == orders
                    && stockResult.mismatchCount() + orderResult.mismatchCount() == 0 ? 0 : 1;
        }
        System.exit(exit);
    }

    /** The tables as the real schema has them (the columns the verifier reads), updated_at in the past. */
    private static void load(Connection connection, int products, int orders) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE TABLE inventory (id bigserial PRIMARY KEY, product_id bigint NOT NULL, warehouse_id bigint NOT NULL,
                        quantity int NOT NULL, reserved_quantity int NOT NULL DEFAULT 0,
                        updated_at timestamptz NOT NULL DEFAULT now() - interval '1 day', UNIQUE (product_id, warehouse_id))""");
            sql.execute("""
                    CREATE TABLE orders (id bigserial PRIMARY KEY, status varchar(32) NOT NULL,
                        updated_at timestamptz NOT NULL DEFAULT now() - interval '1 day')""");
            sql.execute("INSERT INTO inventory (product_id, warehouse_id, quantity, reserved_quantity) "
                    + "SELECT p, w, (p * 7 + w * 13) % 500, ((p * 7 + w * 13) % 500) / 4 "
                    + "FROM generate_series(1, " + products + ") p, generate_series(1, 2) w");
            sql.execute("INSERT INTO orders (id, status) SELECT o, (ARRAY['PAID','SHIPPED','DELIVERED','CANCELLED'])[o % 4 + 1] "
                    + "FROM generate_series(1, " + orders + ") o");
            sql.execute("VACUUM ANALYZE inventory");
            sql.execute("VACUUM ANALYZE orders");
        }
    }

    /** A stock read model equal to the inventory. */
    private static StockLevelTable levelsOf(StockTable inventory) {
        LatestStockLevels latest = new LatestStockLevels();
        ProductRows rows = new ProductRows();
        for (int index = 0; index < inventory.size(); index++) {
            inventory.copyInto(index, rows);
            int onHand = rows.totalOnHand();
            int reserved = rows.totalReserved();
            latest.put(rows.productId(), new StockLevelOf(rows.productId(), onHand, reserved, onHand - reserved, rows));
        }
        return latest.build();
    }

    private static void report(String what, long since) {
        System.out.printf(Locale.ROOT, "%-55s %6.1f s%n", what, (System.nanoTime() - since) / 1e9);
    }
}
