package dev.streamcart.loadgen.seeding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs a seed against a real PostgreSQL: reserves the ids, generates and COPYs everything batch by
 * batch, then sets the ratings the reviews give (as the API's review use case does) and waits for
 * every click to be acknowledged. The planner's statistics are refreshed before it returns.
 */
final class MarketplaceSeeder {

    private final MarketplaceGenerator generator;

    MarketplaceSeeder(MarketplaceGenerator generator) {
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    SeedReport seed(Connection connection, ClickSink clicks, SeedProgress progress) throws SQLException {
        connection.setAutoCommit(false);
        IdBlocks ids = IdBlocks.reserve(connection, generator.idsNeeded());
        connection.commit();
        SeedReport report = generator.generate(ids, new PostgresCopySink(connection), clicks, progress);
        refreshRatings(connection, ids);
        connection.commit();
        analyze(connection);
        clicks.flush();
        return report;
    }

    /**
     * Autovacuum would analyze the tables eventually; until then the planner plans every read (search
     * above all) on statistics that describe the tables as they were before millions of rows arrived.
     */
    private static void analyze(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        connection.commit();
    }

    /** Product and seller ratings from the seeded reviews, computed as serving-api's Ratings does. */
    private static void refreshRatings(Connection connection, IdBlocks ids) throws SQLException {
        try (PreparedStatement products = connection.prepareStatement("""
                UPDATE products p SET rating_avg = r.average, rating_count = r.reviews, updated_at = now()
                FROM (SELECT product_id, round(avg(rating), 2) AS average, count(*) AS reviews FROM reviews
                      WHERE id >= ? GROUP BY product_id) r
                WHERE p.id = r.product_id""")) {
            products.setLong(1, ids.first("reviews"));
            products.executeUpdate();
        }
        try (PreparedStatement sellers = connection.prepareStatement("""
                UPDATE sellers s SET rating_average = r.average, rating_count = r.reviews, updated_at = now()
                FROM (SELECT p.seller_id, round(avg(v.rating), 2) AS average, count(*) AS reviews
                      FROM reviews v JOIN products p ON p.id = v.product_id
                      WHERE p.seller_id >= ? GROUP BY p.seller_id) r
                WHERE s.id = r.seller_id""")) {
            sellers.setLong(1, ids.first("sellers"));
            sellers.executeUpdate();
        }
    }

    static Instant endOfHistory(Instant now) {
        // whole seconds: the same --seed within the same second gives identical timestamps
        return Instant.ofEpochSecond(now.getEpochSecond());
    }
}
