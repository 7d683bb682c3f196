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

import dev.streamcart.recommender.interactions.Interactions;
import dev.streamcart.recommender.interactions.PostgresSource;
import dev.streamcart.recommender.interactions.PurchaseInteractions;
import dev.streamcart.recommender.interactions.PurchaseWeighting;
import dev.streamcart.recommender.models.ModelDescription;
import dev.streamcart.recommender.models.ModelFolderWriter;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.models.ModelsFolderOption;
import dev.streamcart.recommender.spark.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains implicit ALS on the purchases in PostgreSQL and writes a new model version folder. It
 * does not promote it: {@code promote} does, after whatever check the caller wants.
 *
 * <p>Exit codes: 0 trained, 2 no interactions yet (no folder written), 1 any failure.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train implicit ALS on purchases from PostgreSQL and write a new model version.")
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

    @Option(names = "--half-life-days", defaultValue = "30.0",
            description = "age at which a purchase weighs half as much (default ${DEFAULT-VALUE})")
    private double halfLifeDays;

    @Option(names = "--read-partitions", defaultValue = "4",
            description = "parallel JDBC reads, each over a range of order ids (default ${DEFAULT-VALUE})")
    private int readPartitions;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        AlsParameters parameters = new AlsParameters(rank, regParam, alpha, iterations, seed);
        PostgresSource source = new PostgresSource(jdbcUrl, jdbcUser, jdbcPassword);
        ModelStore store = models.store();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path scratch = models.dataDir().resolve("recommender-spark").resolve("spark");

        out.println("reading purchases from " + source.jdbcUrl());
        out.flush();
        Optional<PurchaseInteractions.Extent> extent = PurchaseInteractions.survey(source);
        if (extent.isEmpty()) {
            spec.commandLine().getErr().println("no interactions yet: PostgreSQL has no paid orders, so there is"
                    + " nothing to train on; no model was written");
            return NO_INTERACTIONS;
        }
        out.println("starting Spark (" + sparkMaster + ")");
        out.flush();
        SparkSession spark = LocalSpark.start(sparkMaster, scratch);
        try {
            Interactions interactions = PurchaseInteractions.load(spark, source, extent.get(), readPartitions,
                    new PurchaseWeighting(weightPerUnit, halfLifeDays));
            Dataset<Row> byUserAndItem = interactions.byUserAndItem().persist(StorageLevel.MEMORY_AND_DISK());
            long pairs = byUserAndItem.count();
            long users = byUserAndItem.select(Interactions.USER).distinct().count();
            long items = byUserAndItem.select(Interactions.ITEM).distinct().count();
            out.printf("read %d order lines (%d partitions): %d user-item pairs, %d users, %d items, %s .. %s%n",
                    interactions.sourceRows(), readPartitions, pairs, users, items, interactions.from(), interactions.to());
            out.printf("training implicit ALS: rank %d, regParam %s, alpha %s, %d iterations, seed %d%n",
                    rank, regParam, alpha, iterations, seed);
            out.flush();

            Instant trainingStart = Instant.now();
            ImplicitAlsTrainer.TrainedModel trained = ImplicitAlsTrainer.train(
                    new Interactions(byUserAndItem, interactions.sourceRows(), interactions.from(), interactions.to()),
                    parameters);
            double trainingSeconds = Duration.between(trainingStart, Instant.now()).toMillis() / 1000.0;
            out.printf("trained in %.1f s%n", trainingSeconds);
            out.flush();

            String version = store.newVersionName(startedAt);
            ModelDescription description = new ModelDescription(version, startedAt.toString(), ModelDescription.ALGORITHM,
                    rank, regParam, alpha, iterations, seed,
                    new ModelDescription.TrainedOn(pairs, users, items, interactions.from().toString(), interactions.to().toString()),
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
}
