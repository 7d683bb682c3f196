package dev.streamcart.recommender.benchmark;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamcart.recommender.evaluation.EvaluationOptions;
import dev.streamcart.recommender.evaluation.HoldOutSplit;
import dev.streamcart.recommender.evaluation.Recommender;
import dev.streamcart.recommender.evaluation.SweepCommand;
import dev.streamcart.recommender.evaluation.SweepGrid;
import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.spark.LocalSpark;
import dev.streamcart.recommender.training.WeightingOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep} without a shop: on the training benchmark's generated data (one hold-out, every ALS
 * configuration of the grid, the three baselines and {@link PlantedOracle}, the ceiling, in one
 * table: the oracle row says how much room the data leaves above the best baseline at all), or on
 * events from a file ({@code --events}, see {@link EventsFile}; no oracle then).
 *
 * <pre>java -Xmx2g -cp 'recommender-spark/target/lib/*' dev.streamcart.recommender.benchmark.BenchmarkSweep --ranks 32 --alphas 1,10</pre>
 */
@Command(name = "benchmark-sweep", mixinStandardHelpOptions = true,
        description = "Sweep ALS parameters on the training benchmark's planted data (with the planted oracle) or on an events file.")
public final class BenchmarkSweep implements Callable<Integer> {

    /** Name of the oracle's row. */
    public static final String ORACLE = "oracle (planted)";

    @Mixin
    private PlantedDataOptions data;

    @Option(names = "--events", description = "sweep on the events of this TSV file instead of planted data")
    private @Nullable Path eventsFile;

    @Mixin
    private SweepGrid grid;

    @Mixin
    private WeightingOptions weights;

    @Mixin
    private EvaluationOptions evaluation;

    @Option(names = "--folder", defaultValue = "recommender-spark/target/benchmark-sweep",
            description = "Spark scratch and the results table (default ${DEFAULT-VALUE})")
    private Path folder;

    private String[] args = new String[0];

    public static void main(String[] args) {
        BenchmarkSweep sweep = new BenchmarkSweep();
        sweep.args = args.clone();
        System.exit(new CommandLine(sweep).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter progress = new PrintWriter(System.err, true);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Files.createDirectories(folder);
        PlantedInteractions planted = data.planted();
        SparkSession spark = LocalSpark.start(data.sparkMaster(), folder.toAbsolutePath().resolve("spark"));
        try {
            EventsFile file = eventsFile == null ? null : EventsFile.read(eventsFile);
            Dataset<Row> events = (file == null ? planted.events(spark, 8) : file.dataset(spark))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            InteractionEvents.Summary summary = InteractionEvents.summarize(events);
            try (HoldOutSplit split = HoldOutSplit.of(events, summary, evaluation.holdOut(), weights.weighting(),
                    evaluation.k(), evaluation.evalUsers(), grid.seed()).orElseThrow()) {
                Map<String, Recommender> references = new LinkedHashMap<>(
                        split.baselines(file == null ? planted.categoryMap() : file.categories()));
                if (file == null) {
                    references.put(ORACLE, new PlantedOracle(split.table(), planted));
                }
                List<SweepCommand.Result> results = SweepCommand.run(split, grid.parameters(), references, progress);
                String table = SweepCommand.table(results, evaluation.k());
                HoldOutSplit.Description described = split.description();
                String source = file == null ? "planted data (" + data.describe() + ")" : "events of " + eventsFile;
                String header = String.format("# Parameter sweep%n%n%d events, %s, %d training pairs, held out: %s"
                        + " (%d pairs), %d users evaluated; load average %.2f before, %.2f after.%n%n"
                        + "command: java %s -cp 'recommender-spark/target/lib/*' %s %s%n%n", summary.total(), source,
                        described.trainInteractions(), described.holdOut(), described.heldOutInteractions(),
                        described.evaluatedUsers(), loadBefore,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                        BenchmarkSweep.class.getName(), String.join(" ", args));
                out.print(header + table);
                Path written = folder.resolve("sweep.md");
                Files.writeString(written, header + table, StandardCharsets.UTF_8);
                out.println("written to " + written);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
