package dev.streamcart.recommender.benchmark;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.streamcart.recommender.evaluation.EvaluationOptions;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.spark.LocalSpark;
import dev.streamcart.recommender.training.AlsOptions;
import dev.streamcart.recommender.training.ModelTraining;
import dev.streamcart.recommender.training.WeightingOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times a training run at shop scale: generates planted interactions (default 2M events over 50k
 * users and 100k products, in 50 taste clusters), then runs exactly what {@code train} runs after
 * reading (hold-out evaluation against the baselines, ALS on everything, co-occurrence, the model
 * folder with its report) and prints the time of each step. The data is generated in Spark, so
 * reading PostgreSQL and Kafka is not part of the figure.
 *
 * <pre>java -Xmx2g -cp 'recommender-spark/target/lib/*' dev.streamcart.recommender.benchmark.TrainingBenchmark</pre>
 */
@Command(name = "training-benchmark", mixinStandardHelpOptions = true,
        description = "Time train on generated interactions with planted taste clusters.")
public final class TrainingBenchmark implements Callable<Integer> {

    @Mixin
    private PlantedDataOptions data;

    // the train command's own option classes: the benchmark runs on exactly train's defaults
    @Mixin
    private AlsOptions als;

    @Mixin
    private WeightingOptions weights;

    @Mixin
    private EvaluationOptions evaluation;

    @Option(names = "--no-evaluate", description = "time the training alone, without the hold-out evaluation")
    private boolean noEvaluate;

    @Option(names = "--folder", defaultValue = "recommender-spark/target/benchmark",
            description = "models and Spark scratch (default ${DEFAULT-VALUE})")
    private Path folder;

    private String[] args = new String[0];

    public static void main(String[] args) {
        TrainingBenchmark benchmark = new TrainingBenchmark();
        benchmark.args = args.clone();
        System.exit(new CommandLine(benchmark).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        Files.createDirectories(folder);
        PlantedInteractions planted = data.planted();
        ModelTraining.Plan plan = new ModelTraining.Plan(als.parameters(), weights.weighting(), evaluation.holdOut(),
                evaluation.k(), evaluation.evalUsers(), noEvaluate ? Map.of() : planted.categoryMap(), !noEvaluate);
        long start = System.nanoTime();
        SparkSession spark = LocalSpark.start(data.sparkMaster(), folder.toAbsolutePath().resolve("spark"));
        try {
            double sparkStart = seconds(start);
            long generation = System.nanoTime();
            Dataset<Row> events = planted.events(spark, 8).persist(StorageLevel.MEMORY_AND_DISK());
            long count = events.count();
            double generated = seconds(generation);
            out.printf("generated %d events (%s) in %.1f s; Spark started in %.1f s%n",
                    count, data.describe(), generated, sparkStart);
            long training = System.nanoTime();
            Optional<ModelTraining.Outcome> outcome = ModelTraining.run(events, plan,
                    new ModelStore(folder.toAbsolutePath().resolve("models")), Instant.now().truncatedTo(ChronoUnit.MILLIS), out);
            double trainSeconds = seconds(training);
            ModelTraining.Outcome result = outcome.orElseThrow();
            result.close();
            out.println();
            out.printf("train on %d events: %.1f s in all (%s, %d cores available)%n", count, trainSeconds, data.sparkMaster(),
                    Runtime.getRuntime().availableProcessors());
            result.timings().forEach((step, seconds) -> out.printf("  %-45s %6.1f s%n", step, seconds));
            out.printf("ALS fit on all events: %.1f s; whole train after generation: %.1f s%n",
                    result.timings().get(ModelTraining.FIT_ALL_EVENTS), trainSeconds);
            out.println("model folder: " + result.folder());
            // the JVM's own flags (heap, GC) are part of the figure
            out.println("command: java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                    + " -cp 'recommender-spark/target/lib/*' " + TrainingBenchmark.class.getName() + " " + String.join(" ", args));
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
