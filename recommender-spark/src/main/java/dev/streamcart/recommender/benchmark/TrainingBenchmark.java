package dev.streamcart.recommender.benchmark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.streamcart.recommender.evaluation.EvaluationOptions;
import dev.streamcart.recommender.models.ModelStore;
import dev.streamcart.recommender.spark.LocalSpark;
import dev.streamcart.recommender.training.AlsOptions;
import dev.streamcart.recommender.training.ModelTraining;
import dev.streamcart.recommender.training.WeightingOptions;
import dev.streamcart.schemas.bench.BenchmarkCommand;
import dev.streamcart.schemas.bench.BenchmarkFailure;
import dev.streamcart.schemas.bench.BenchmarkResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Times a training run at shop scale: generates planted interactions (default 2M events over 50k
 * users and 100k products, in 50 taste clusters), then runs exactly what {@code train} runs after
 * reading (hold-out evaluation against the baselines, ALS on everything, co-occurrence, the model
 * folder with its report) and prints the time of each step. The data is generated in Spark, so
 * reading PostgreSQL and Kafka is not part of the figure.
 *
 * <pre>java -Xmx2g -cp 'recommender-spark/target/lib/*' dev.streamcart.recommender.benchmark.TrainingBenchmark</pre>
 *
 * <p>For {@code ./platform bench}: {@code --results file} writes the figures as a {@link BenchmarkResult}
 * when the run succeeds, {@code --data folder} holds every file of the run, {@code --smoke} shrinks the
 * planted data's defaults ({@link #SMOKE_DATA}) to prove the benchmark works end to end.
 */
@Command(name = "training-benchmark", mixinStandardHelpOptions = true,
        description = "Time train on generated interactions with planted taste clusters.")
public final class TrainingBenchmark implements Callable<Integer> {

    /** The planted data of {@code --smoke}, unless given: 50k events, a run well under 90 s. */
    static final Map<String, String> SMOKE_DATA = Map.of("--users", "2500", "--products", "5000",
            "--interactions-per-user", "20", "--clusters", "25");

    private static final String SMOKE = "--smoke";

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

    @Option(names = {"--data", "--folder"}, defaultValue = "recommender-spark/target/benchmark",
            description = "models, Spark scratch and temporary files (default ${DEFAULT-VALUE})")
    private Path folder;

    @Option(names = "--results", description = "write the figures there as JSON (./platform bench), on success only")
    private @Nullable Path results;

    // read in main before parsing: it changes the planted data's defaults
    @Option(names = SMOKE, description = "small planted data unless given (2500 users, 5000 products, 25 clusters,"
            + " 20 events each): a run of well under 90 s that proves the benchmark works")
    private boolean smoke;

    private String[] args = new String[0];

    public static void main(String[] args) {
        TrainingBenchmark benchmark = new TrainingBenchmark();
        benchmark.args = args.clone();
        CommandLine commandLine = new CommandLine(benchmark);
        if (Arrays.asList(args).contains(SMOKE)) {
            // a default provider comes before the annotations' defaults, and options given still win
            commandLine.setDefaultValueProvider(
                    option -> option instanceof OptionSpec spec ? SMOKE_DATA.get(spec.longestName()) : null);
        }
        commandLine.setParameterExceptionHandler((e, given) -> {
            e.getCommandLine().usage(System.err);
            // the last line is the reason ./platform bench reports
            System.err.println("training benchmark: " + e.getMessage());
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> BenchmarkFailure.report("training benchmark", e));
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        Files.createDirectories(folder);
        // Spark's and the native libraries' temporary files belong to the run's folder too
        System.setProperty("java.io.tmpdir", Files.createDirectories(folder.toAbsolutePath().resolve("tmp")).toString());
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
            String command = BenchmarkCommand.of("'recommender-spark/target/lib/*'", TrainingBenchmark.class, List.of(args));
            out.println("command: " + command);
            if (results != null) {
                BenchmarkResult.Builder figures = BenchmarkResult.builder("training")
                        .figure("training.seconds", trainSeconds)
                        .figure("training.fit_seconds", result.timings().get(ModelTraining.FIT_ALL_EVENTS))
                        .figure("training.events", count)
                        .figure("training.generation_seconds", generated)
                        .figure("training.spark_start_seconds", sparkStart)
                        .note(String.format(Locale.ROOT, "%d planted events (%s)%s, %s, %d cores, %s", count, data.describe(),
                                smoke ? ", smoke run" : "", data.sparkMaster(), Runtime.getRuntime().availableProcessors(),
                                noEvaluate ? "without the hold-out evaluation" : "with the hold-out evaluation"))
                        .note("training.seconds: the whole train after generation; training.fit_seconds: the ALS fit on all"
                                + " events (the published model's trainingSeconds)");
                result.timings().forEach((step, seconds) ->
                        figures.note(String.format(Locale.ROOT, "  %s: %.1f s", step, seconds)));
                figures.build(command).write(results);
                out.println("results: " + results);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
