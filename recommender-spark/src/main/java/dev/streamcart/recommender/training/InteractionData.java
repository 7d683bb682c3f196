package dev.streamcart.recommender.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.streamcart.recommender.interactions.ClickstreamOffsets;
import dev.streamcart.recommender.interactions.ClickstreamSource;
import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.interactions.PostgresSource;
import dev.streamcart.recommender.interactions.PurchaseInteractions;
import dev.streamcart.recommender.interactions.Weighting;
import dev.streamcart.recommender.spark.LocalSpark;
import dev.streamcart.schemas.topics.Topics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the interaction history comes from and how it is weighed: the options {@code train},
 * {@code evaluate} and {@code sweep} share. Purchases from PostgreSQL, views and cart adds from the
 * clickstream topic, restricted to the data window {@code --from .. --to}.
 */
public final class InteractionData {

    @Option(names = "--jdbc-url", descriptionKey = "postgres.jdbc-url", required = true,
            description = "PostgreSQL JDBC URL (default: postgres.jdbc-url)")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", descriptionKey = "postgres.user", defaultValue = "postgres",
            description = "PostgreSQL user (default: postgres.user, else ${DEFAULT-VALUE})")
    private String jdbcUser;

    @Option(names = "--jdbc-password", descriptionKey = "postgres.password", defaultValue = "postgres",
            description = "PostgreSQL password (default: postgres.password)")
    private String jdbcPassword;

    @Option(names = "--kafka-bootstrap-servers", descriptionKey = "kafka.bootstrap-servers",
            description = "Kafka holding the clickstream (default: kafka.bootstrap-servers; unset: purchases only)")
    private @Nullable String kafkaBootstrapServers;

    @Option(names = "--schema-registry-url", descriptionKey = "schema-registry.url",
            description = "schema registry of the clickstream's Avro events (default: schema-registry.url)")
    private @Nullable String schemaRegistryUrl;

    // no defaultValue: the topic catalogue is the only place topic names are written
    @Option(names = "--clickstream-topic", description = "topic of the click events (default ${DEFAULT-VALUE})")
    private String clickstreamTopic = Topics.CLICKSTREAM.name();

    @Option(names = "--no-clickstream", description = "train on purchases alone, even when Kafka is configured")
    private boolean noClickstream;

    @Option(names = "--clickstream-split", defaultValue = "200000",
            description = "most offsets one Spark task reads; longer partitions are split (default ${DEFAULT-VALUE})")
    private long clickstreamSplit;

    @Option(names = "--read-partitions", defaultValue = "4",
            description = "parallel JDBC reads, each over a range of order ids (default ${DEFAULT-VALUE})")
    private int readPartitions;

    @Option(names = "--from", description = "data window start, ISO-8601 instant (default: the oldest event)")
    private @Nullable Instant from;

    @Option(names = "--to", description = "data window end, exclusive, ISO-8601 instant (default: everything read)")
    private @Nullable Instant to;

    @Option(names = "--spark-master", descriptionKey = "spark.master", defaultValue = "local[*]",
            description = "Spark master (default: spark.master, else ${DEFAULT-VALUE})")
    private String sparkMaster;

    @Mixin
    private WeightingOptions weights;

    /** What a cheap look at the sources found, before Spark starts. */
    public record Survey(Optional<PurchaseInteractions.Extent> purchases, Optional<ClickstreamRead> clicks) {

        public boolean empty() {
            return purchases.isEmpty() && clicks.isEmpty();
        }
    }

    /** The clickstream's offsets to read. */
    public record ClickstreamRead(ClickstreamSource source, ClickstreamOffsets.Snapshot snapshot) {}

    public PostgresSource postgres() {
        return new PostgresSource(jdbcUrl, jdbcUser, jdbcPassword);
    }

    public Weighting weighting() {
        return weights.weighting();
    }

    public String window() {
        return (from == null ? "-" : from.toString()) + " .. " + (to == null ? "-" : to.toString());
    }

    public SparkSession startSpark(PrintWriter progress, Path scratch) {
        progress.println("starting Spark (" + sparkMaster + ")");
        progress.flush();
        return LocalSpark.start(sparkMaster, scratch);
    }

    /** Surveys purchases and the clickstream, printing what it finds. */
    public Survey survey(PrintWriter progress) {
        PostgresSource source = postgres();
        progress.println("reading purchases from " + source.jdbcUrl());
        progress.flush();
        Optional<PurchaseInteractions.Extent> purchases = PurchaseInteractions.survey(source);
        progress.println(purchases.map(extent -> "purchases: " + extent.lines() + " paid order lines")
                .orElse("purchases: none yet (no paid orders)"));
        return new Survey(purchases, surveyClickstream(progress));
    }

    /**
     * Every event of the survey inside the data window, read once and kept (the clickstream comes
     * from Kafka, and the events are used several times).
     */
    public Dataset<Row> events(SparkSession spark, Survey survey) {
        PostgresSource source = postgres();
        Dataset<Row> events = survey.purchases()
                .map(extent -> PurchaseInteractions.events(spark, source, extent, readPartitions))
                .orElseGet(() -> InteractionEvents.none(spark))
                .unionByName(survey.clicks()
                        .map(read -> InteractionEvents.clicks(spark, read.source(), read.snapshot().ranges()))
                        .orElseGet(() -> InteractionEvents.none(spark)));
        if (from != null) {
            events = events.filter(col(InteractionEvents.AT).geq(lit(Timestamp.from(from))));
        }
        if (to != null) {
            events = events.filter(col(InteractionEvents.AT).lt(lit(Timestamp.from(to))));
        }
        return events.persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Category of each product, for the favourite-categories baseline: from {@code products} when
     * the table is there, else from the order lines (which copy it).
     */
    public Map<Integer, Long> categories() {
        Map<Integer, Long> categories = new HashMap<>();
        PostgresSource source = postgres();
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            read(statement, "SELECT DISTINCT product_id, category_id FROM order_items WHERE category_id IS NOT NULL", categories);
            if (tableExists(connection, "products")) {
                read(statement, "SELECT id, category_id FROM products WHERE category_id IS NOT NULL", categories);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read product categories from " + source + ": " + e.getMessage(), e);
        }
        return categories;
    }

    private static void read(Statement statement, String sql, Map<Integer, Long> categories) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long product = rows.getLong(1);
                if (product <= Integer.MAX_VALUE) {
                    categories.put((int) product, rows.getLong(2));
                }
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    /**
     * The clickstream's offsets, or empty with the reason printed. Kafka that is configured but
     * does not answer fails the run: a model silently trained without the views it was meant to see
     * would be worse than none.
     */
    private Optional<ClickstreamRead> surveyClickstream(PrintWriter progress) {
        if (noClickstream) {
            progress.println("clickstream: skipped (--no-clickstream): training on purchases alone");
            return Optional.empty();
        }
        if (isBlank(kafkaBootstrapServers) || isBlank(schemaRegistryUrl)) {
            progress.println("clickstream: Kafka not configured (kafka.bootstrap-servers and schema-registry.url):"
                    + " training on purchases alone");
            return Optional.empty();
        }
        ClickstreamSource source = new ClickstreamSource(kafkaBootstrapServers, schemaRegistryUrl, clickstreamTopic);
        progress.println("reading clickstream offsets of topic " + source.topic() + " from " + source.bootstrapServers());
        progress.flush();
        ClickstreamOffsets.Snapshot snapshot = ClickstreamOffsets.capture(source, clickstreamSplit);
        if (!snapshot.topicExists()) {
            progress.println("clickstream: topic " + source.topic() + " does not exist: training on purchases alone");
            return Optional.empty();
        }
        if (snapshot.records() == 0) {
            progress.println("clickstream: topic " + source.topic() + " is empty: training on purchases alone");
            return Optional.empty();
        }
        progress.printf("clickstream: %d records in %d partitions, read as %d Spark partitions%n",
                snapshot.records(), snapshot.partitions(), snapshot.ranges().size());
        return Optional.of(new ClickstreamRead(source, snapshot));
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
