package dev.streamcart.recommender;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated shop history with planted structure: three clusters of users, each buying only from
 * its own group of products. Orders that were never paid (cancelled, failed, pending) hold products
 * of another cluster: they are not purchases, and a model that counted them would blur the clusters.
 */
final class PlantedTastes {

    static final int CLUSTERS = 3;
    static final int USERS_PER_CLUSTER = 20;
    static final int PRODUCTS_PER_CLUSTER = 15;
    private static final List<String> PURCHASED = List.of("PAID", "FULFILLING", "SHIPPED", "DELIVERED");
    private static final List<String> NOT_PURCHASED = List.of("CANCELLED", "PAYMENT_FAILED", "PENDING_PAYMENT");

    private PlantedTastes() {}

    static int clusterOfUser(long userId) {
        return (int) ((userId - 1) / USERS_PER_CLUSTER);
    }

    /** Products of cluster c are c*100+101 .. c*100+100+PRODUCTS_PER_CLUSTER. */
    static int clusterOfProduct(long productId) {
        return (int) ((productId - 101) / 100);
    }

    static long product(int cluster, int index) {
        return 101L + cluster * 100L + index;
    }

    /** The order tables of contract 1 (the columns the recommender reads, and the rest of their shape). */
    static void createOrderTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE orders (
                        id bigserial PRIMARY KEY,
                        user_id bigint NOT NULL,
                        status varchar(32) NOT NULL,
                        subtotal numeric(12,2) NOT NULL,
                        tax_amount numeric(12,2) NOT NULL DEFAULT 0,
                        shipping_amount numeric(12,2) NOT NULL DEFAULT 0,
                        total numeric(12,2) NOT NULL,
                        currency char(3) NOT NULL DEFAULT 'USD',
                        created_at timestamptz NOT NULL DEFAULT now(),
                        updated_at timestamptz NOT NULL DEFAULT now())""");
            statement.execute("""
                    CREATE TABLE order_items (
                        id bigserial PRIMARY KEY,
                        order_id bigint NOT NULL REFERENCES orders(id),
                        product_id bigint NOT NULL,
                        seller_id bigint NOT NULL,
                        category_id bigint NOT NULL,
                        quantity int NOT NULL,
                        unit_price numeric(12,2) NOT NULL,
                        total_price numeric(12,2) NOT NULL,
                        product_name varchar(255) NOT NULL,
                        product_sku varchar(64) NOT NULL)""");
        }
    }

    /** Inserts the history; returns how many purchased order lines it holds. */
    static int insertHistory(Connection connection, long seed) throws SQLException {
        Random random = new Random(seed);
        Instant now = Instant.now();
        int purchasedLines = 0;
        for (long user = 1; user <= CLUSTERS * USERS_PER_CLUSTER; user++) {
            int cluster = clusterOfUser(user);
            for (int order = 0; order < 4; order++) {
                List<Long> products = new ArrayList<>();
                for (int line = 0; line < 2 + random.nextInt(2); line++) {
                    products.add(product(cluster, random.nextInt(PRODUCTS_PER_CLUSTER)));
                }
                String status = PURCHASED.get(random.nextInt(PURCHASED.size()));
                insertOrder(connection, user, status, now.minus(Duration.ofHours(1 + random.nextInt(60 * 24))), products, random);
                purchasedLines += products.size();
            }
            int otherCluster = (cluster + 1 + random.nextInt(CLUSTERS - 1)) % CLUSTERS;
            for (int order = 0; order < 2; order++) {
                List<Long> products = List.of(product(otherCluster, random.nextInt(PRODUCTS_PER_CLUSTER)),
                        product(otherCluster, random.nextInt(PRODUCTS_PER_CLUSTER)));
                String status = NOT_PURCHASED.get(random.nextInt(NOT_PURCHASED.size()));
                insertOrder(connection, user, status, now.minus(Duration.ofHours(1 + random.nextInt(24))), products, random);
            }
        }
        return purchasedLines;
    }

    private static void insertOrder(Connection connection, long user, String status, Instant at, List<Long> products,
            Random random) throws SQLException {
        long orderId;
        try (PreparedStatement order = connection.prepareStatement(
                "INSERT INTO orders (user_id, status, subtotal, total, created_at, updated_at) VALUES (?, ?, 0, 0, ?, ?) RETURNING id")) {
            order.setLong(1, user);
            order.setString(2, status);
            order.setTimestamp(3, Timestamp.from(at));
            order.setTimestamp(4, Timestamp.from(at));
            try (ResultSet keys = order.executeQuery()) {
                keys.next();
                orderId = keys.getLong(1);
            }
        }
        try (PreparedStatement item = connection.prepareStatement("INSERT INTO order_items (order_id, product_id, seller_id,"
                + " category_id, quantity, unit_price, total_price, product_name, product_sku) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)")) {
            for (long product : products) {
                int quantity = 1 + random.nextInt(2);
                BigDecimal price = new BigDecimal("19.99");
                item.setLong(1, orderId);
                item.setLong(2, product);
                item.setLong(3, clusterOfProduct(product) + 1L);
                item.setInt(4, quantity);
                item.setBigDecimal(5, price);
                item.setBigDecimal(6, price.multiply(BigDecimal.valueOf(quantity)));
                item.setString(7, "product " + product);
                item.setString(8, "SKU-" + product);
                item.addBatch();
            }
            item.executeBatch();
        }
    }
}
