package dev.streamcart.loadgen.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys the read-path benchmark asks for, drawn once from PostgreSQL (the truth) with a fixed
 * seed: products that have stock rows, orders placed more than a minute ago (their views are out of
 * the pipeline), their buyers, categories and words of product names for searches. Random keys,
 * not hot ones: a cache that only holds the popular few does not get to hide the cost of a miss.
 */
public record ReadPathSample(List<Long> products, List<Long> orders, List<Long> buyers, List<Long> categories,
                      List<String> words) {

    private static final int KEYS = 20_000;

    public ReadPathSample {
        for (List<?> keys : List.of(products, orders, buyers, categories, words)) {
            if (keys.isEmpty()) {
                throw new IllegalStateException("the platform holds no data to read: seed it first (./platform seed)");
            }
        }
    }

    public static ReadPathSample draw(String jdbcUrl, String user, String password) throws SQLException {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT setseed(0.42)");
            List<Long> products = ids(statement, "SELECT DISTINCT product_id FROM inventory");
            List<Long> orders = ids(statement, "SELECT id FROM orders WHERE created_at < now() - interval '1 minute'");
            List<Long> buyers = ids(statement, "SELECT DISTINCT user_id FROM orders WHERE created_at < now() - interval '1 minute'");
            List<Long> categories = ids(statement, "SELECT id FROM categories");
            List<String> words = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM products ORDER BY random() LIMIT 500")) {
                while (rows.next()) {
                    for (String word : rows.getString(1).split("[^\\p{L}\\p{N}]+")) {
                        if (word.length() >= 4) {
                            words.add(word.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            return new ReadPathSample(products, orders, buyers, categories, List.copyOf(words));
        }
    }

    private static List<Long> ids(Statement statement, String select) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT * FROM (" + select + ") s ORDER BY random() LIMIT " + KEYS)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return List.copyOf(ids);
    }

    /** A key drawn at random (thread-safe: each load thread has its own generator). */
    static <T> T any(List<T> keys) {
        return keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
    }
}
