package dev.streamcart.recommender.training;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.streamcart.recommender.interactions.ClickstreamOffsets;
import dev.streamcart.recommender.interactions.ClickstreamSource;
import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.interactions.Interactions;
import dev.streamcart.recommender.interactions.PostgresSource;
import dev.streamcart.recommender.interactions.PurchaseInteractions;
import dev.streamcart.recommender.interactions.Signal;
import dev.streamcart.recommender.interactions.Weighting;
import dev.streamcart.recommender.models.ModelDescription;
import dev.streamcart.recommender.models.ModelFolderWriter;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.models.ModelsFolderOption;
import dev.streamcart.recommender.spark.LocalSpark;
import dev.streamcart.schemas.topics.Topics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains implicit ALS on the purchases in PostgreSQL and the product views and cart adds of the
 * clickstream topic, and writes a new model version folder. It does not promote it:
 * {@code promote} does, after whatever check the caller wants.
 *
 * <p>Exit codes: 0 trained, 2 no interactions yet (no folder written), 1 any failure.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train implicit ALS on purchases (PostgreSQL) and views and cart adds (Kafka clickstream),"
                + " and write a new model version.")
public final class TrainCommand implements Callable<Integer> {

    /** Exit code when there is nothing to train on yet. */
    public static final int NO_INTERACTIONS = 2;

    @Mixin
    private ModelsFolderOption models;

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

    @Option(names = "--spark-master", descriptionKey = "spark.master", defaultValue = "local[*]",
            description = "Spark master (default: spark.master, else ${DEFAULT-VALUE})")
    private String sparkMaster;

    @Option(names = "--rank", defaultValue = "32", description = "latent factors (default ${DEFAULT-VALUE})")
    private int rank;

    @Option(names = "--reg-param", defaultValue = "0.05", description = "L2 regularisation (default ${DEFAULT-VALUE})")
    private double regParam;

    @Option(names = "--alpha", defaultValue = "10.0", description = "confidence growth per unit of weight (default ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--iterations", defaultValue = "10", description = "ALS sweeps (default ${DEFAULT-VALUE})")
    private int iterations;

    @Option(names = "--seed", defaultValue = "42", description = "random seed, for reproducible runs (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--weight-per-unit", defaultValue = "5.0", description = "weight of one purchased unit (default ${DEFAULT-VALUE})")
    private double weightPerUnit;

    @Option(names = "--weight-per-view", defaultValue = "1.0", description = "weight of one product view (default ${DEFAULT-VALUE})")
    private double weightPerView;

    @Option(names = "--weight-per-cart-add", defaultValue = "3.0", description = "weight of one cart add (default ${DEFAULT-VALUE})")
    private double weightPerCartAdd;

    @Option(names = "--half-life-days", defaultValue = "30.0",
            description = "age at which an interaction weighs half as much (default ${DEFAULT-VALUE})")
    private double halfLifeDays;

    @Option(names = "--read-partitions", defaultValue = "4",
            description = "parallel JDBC reads, each over a range of order ids (default ${DEFAULT-VALUE})")
    private int readPartitions;

    @Spec
    private CommandSpec spec;

    /** The clickstream's offsets to read, or nothing (with the reason printed). */
    private record ClickstreamRead(ClickstreamSource source, ClickstreamOffsets.Snapshot snapshot) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        AlsParameters parameters = new AlsParameters(rank, regParam, alpha, iterations, seed);
        Weighting weighting = new Weighting(weightPerUnit, weightPerView, weightPerCartAdd, halfLifeDays);
        PostgresSource source = new PostgresSource(jdbcUrl, jdbcUser, jdbcPassword);
        ModelStore store = models.store();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path scratch = models.dataDir().resolve("recommender-spark").resolve("spark");

        out.println("reading purchases from " + source.jdbcUrl());
        out.flush();
        Optional<PurchaseInteractions.Extent> purchases = PurchaseInteractions.survey(source);
        out.println(purchases.map(extent -> "purchases: " + extent.lines() + " paid order lines")
                .orElse("purchases: none yet (no paid orders)"));
        Optional<ClickstreamRead> clicks = surveyClickstream(out);
        if (purchases.isEmpty() && clicks.isEmpty()) {
            return nothingToTrainOn();
        }
        out.println("starting Spark (" + sparkMaster + ")");
        out.flush();
        SparkSession spark = LocalSpark.start(sparkMaster, scratch);
        try {
            Dataset<Row> events = purchases
                    .map(extent -> PurchaseInteractions.events(spark, source, extent, readPartitions))
                    .orElseGet(() -> InteractionEvents.none(spark))
                    .unionByName(clicks
                            .map(read -> InteractionEvents.clicks(spark, read.source(), read.snapshot().ranges()))
                            .orElseGet(() -> InteractionEvents.none(spark)))
                    // read once: the clickstream is read from Kafka, and the events are used twice below
                    .persist(StorageLevel.MEMORY_AND_DISK());
            InteractionEvents.Summary summary = InteractionEvents.summarize(events);
            out.printf("read %d purchased order lines, %d product views, %d cart adds of known users, %s .. %s%n",
                    summary.count(Signal.PURCHASE), summary.count(Signal.VIEW), summary.count(Signal.CART_ADD),
                    summary.from(), summary.to());
            if (summary.total() == 0) {
                return nothingToTrainOn();
            }
            Dataset<Row> byUserAndItem = InteractionEvents.weigh(events, summary, weighting).byUserAndItem()
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long pairs = byUserAndItem.count();
            long users = byUserAndItem.select(Interactions.USER).distinct().count();
            long items = byUserAndItem.select(Interactions.ITEM).distinct().count();
            out.printf("%d user-item pairs, %d users, %d items%n", pairs, users, items);
            out.printf("training implicit ALS: rank %d, regParam %s, alpha %s, %d iterations, seed %d%n",
                    rank, regParam, alpha, iterations, seed);
            out.flush();

            Instant trainingStart = Instant.now();
            ImplicitAlsTrainer.TrainedModel trained = ImplicitAlsTrainer.train(new Interactions(byUserAndItem, summary), parameters);
            double trainingSeconds = Duration.between(trainingStart, Instant.now()).toMillis() / 1000.0;
            out.printf("trained in %.1f s%n", trainingSeconds);
            out.flush();

            String version = store.newVersionName(startedAt);
            ModelDescription description = new ModelDescription(version, startedAt.toString(), ModelDescription.ALGORITHM,
                    rank, regParam, alpha, iterations, seed,
                    new ModelDescription.TrainedOn(pairs, users, items, summary.from().toString(), summary.to().toString(),
                            summary.count(Signal.PURCHASE), summary.count(Signal.VIEW), summary.count(Signal.CART_ADD)),
                    Map.of("trainingSeconds", trainingSeconds,
                            "density", (double) pairs / ((double) users * (double) items),
                            "meanItemsPerUser", (double) pairs / users));
            Path folder = ModelFolderWriter.write(store, description, trained.userFactors(), trained.itemFactors(),
                    trained.popularItems());
            out.println("wrote model " + version + " to " + folder);
            out.println("not promoted yet: run 'promote " + version + "' to serve it");
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * The clickstream's offsets, or empty with the reason printed. Kafka that is configured but
     * does not answer fails the run: a model silently trained without the views it was meant to see
     * would be worse than none.
     */
    private Optional<ClickstreamRead> surveyClickstream(PrintWriter out) {
        if (noClickstream) {
            out.println("clickstream: skipped (--no-clickstream): training on purchases alone");
            return Optional.empty();
        }
        if (isBlank(kafkaBootstrapServers) || isBlank(schemaRegistryUrl)) {
            out.println("clickstream: Kafka not configured (kafka.bootstrap-servers and schema-registry.url):"
                    + " training on purchases alone");
            return Optional.empty();
        }
        ClickstreamSource source = new ClickstreamSource(kafkaBootstrapServers, schemaRegistryUrl, clickstreamTopic);
        out.println("reading clickstream offsets of topic " + source.topic() + " from " + source.bootstrapServers());
        out.flush();
        ClickstreamOffsets.Snapshot snapshot = ClickstreamOffsets.capture(source, clickstreamSplit);
        if (!snapshot.topicExists()) {
            out.println("clickstream: topic " + source.topic() + " does not exist: training on purchases alone");
            return Optional.empty();
        }
        if (snapshot.records() == 0) {
            out.println("clickstream: topic " + source.topic() + " is empty: training on purchases alone");
            return Optional.empty();
        }
        out.printf("clickstream: %d records in %d partitions, read as %d Spark partitions%n",
                snapshot.records(), snapshot.partitions(), snapshot.ranges().size());
        return Optional.of(new ClickstreamRead(source, snapshot));
    }

    private int nothingToTrainOn() {
        spec.commandLine().getErr().println("no interactions yet: no paid orders in PostgreSQL and no product views or"
                + " cart adds of known users in the clickstream, so there is nothing to train on; no model was written");
        return NO_INTERACTIONS;
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
