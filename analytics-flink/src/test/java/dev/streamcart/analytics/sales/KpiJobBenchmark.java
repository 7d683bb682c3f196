package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;
import dev.streamcart.analytics.kpi.KpiTable;
import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.localstack.infra.ClickHouseServer;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.process.Reaper;
import dev.streamcart.schemas.bench.BenchmarkCommand;
import dev.streamcart.schemas.bench.BenchmarkResult;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseMigrator;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.clickhouse.MigrationScripts;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Throughput of the analytics job (sales and every KPI table) into ClickHouse, next to
 * {@code clickhouse-client} inserting the same rows, in the same run on the same server.
 *
 * <ol>
 *   <li>Kafka, the registry and ClickHouse 18.16 are started under the data folder;
 *       generated shop traffic ({@link ShopActivityFixtures}) is produced to {@code order-events} and
 *       {@code clickstream} before the job starts (not timed).</li>
 *   <li>The job runs in a MiniCluster in this JVM; timed from RUNNING until ClickHouse holds every
 *       event of the minutes before the final ticks (the analytics-lag event count equals the events
 *       sent less the ticks, whose own minute closes only as time passes, and the paid orders are
 *       all there). Includes the sink's flush interval and the 200 ms polling.</li>
 *   <li>The final rows of every table the job wrote ({@code FINAL}) are dumped as TabSeparated and
 *       inserted into a copy of the schema by {@code clickhouse-client} (native protocol, one
 *       process per table, as a loader script would), timed.</li>
 * </ol>
 * Ratio = (events / job seconds) / (events / client seconds) = client seconds / job seconds: how
 * close the job comes to the cost of merely inserting its output.
 *
 * <p>Run: see the module README. Options (the {@code ./platform bench} contract): {@code --shoppers N}
 * (20000, ~10 events each), {@code --data folder} (every file of the run under it;
 * {@code analytics-flink/target/benchmark} when absent), {@code --results file} (the figures as a
 * {@link BenchmarkResult}, written only when the run succeeds), {@code --smoke} (1000 shoppers unless
 * given: proves the benchmark works end to end, its figures mean little).
 */
public final class KpiJobBenchmark {

    private static final String BENCHMARK = "flink";

    /** What this run creates under its folder, emptied first (the folder itself may be someone else's). */
    private static final List<String> SUBFOLDERS = List.of("infra", "clickhouse", "run", "tmp", "platform", "dumps");

    private KpiJobBenchmark() {}

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            Path folder = options.data();
            for (String subfolder : SUBFOLDERS) {
                TestFolders.delete(folder.resolve(subfolder));
            }
            Path tmp = Files.createDirectories(folder.resolve("tmp"));
            System.setProperty("java.io.tmpdir", tmp.toString());
            Measurement measured;
            try (LocalInfrastructure infra = LocalInfrastructure.builder(folder.resolve("infra"))
                            .kafka().schemaRegistry().topics().start();
                    ClickHouseServer clickHouseServer = ClickHouseServer.start(folder.resolve("clickhouse"), 0, 0,
                            Reaper.forThisJvm(folder.resolve("run")))) {
                measured = run(options.shoppers(), folder, infra, clickHouseServer);
            }
            String command = command(args);
            System.out.println("command: " + command);
            BenchmarkResult result = measured.result(options, command);
            if (options.results() != null) {
                result.write(options.results());
                System.out.println("results: " + options.results());
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            // the last line is the reason ./platform bench reports
            System.err.println("flink benchmark failed: " + e);
            System.exit(1);
        }
        System.exit(0); // Kafka client and Flink threads are not all daemons
    }

    private static Measurement run(int shoppers, Path folder, LocalInfrastructure infra, ClickHouseServer server) throws Exception {
        ClickHouseSettings endpoint = ClickHouseSettings.of(server.httpUrl(), "bench");
        ClickHouseSettings copy = ClickHouseSettings.of(server.httpUrl(), "bench_copy");
        new ClickHouseMigrator(endpoint).migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));
        new ClickHouseMigrator(copy).migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));

        // 1. the input, produced before the job starts
        Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(60, ChronoUnit.MINUTES);
        ShopActivity generated = new ShopActivityFixtures(7, 1).shoppers(shoppers, firstMinute, 20);
        // in commit order, as CDC delivers them (and the storefront produces clicks): mostly in
        // event-time order, so windows close on the watermark instead of re-firing for late events
        ShopActivity activity = new ShopActivity(
                generated.orders().stream().sorted(Comparator.comparing(OrderEvent::getOccurredAt)).toList(),
                generated.clicks().stream().sorted(Comparator.comparing(ClickEvent::getOccurredAt)).toList());
        long paidOrders = activity.orders().stream().filter(e -> e.getType() == OrderEventType.ORDER_PAID).count();
        long events = produce(infra, activity, firstMinute.plus(30, ChronoUnit.MINUTES));
        // the ticks close every minute before theirs; their own minute stays open (nothing comes after
        // it), so the job is done when every other event is in ClickHouse
        long ticks = 2L * Topics.ORDER_EVENTS.partitions();
        System.out.printf("input: %d order events + %d click events + %d ticks = %d events (%d paid orders)%n",
                activity.orders().size(), activity.clicks().size(), ticks, events, paidOrders);

        // 2. the job, timed until ClickHouse holds every event of the minutes before the ticks
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS, infra.bootstrapServers());
        values.put(CommonKeys.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
        values.put(CommonKeys.CLICKHOUSE_URL, server.httpUrl());
        values.put(CommonKeys.CLICKHOUSE_DATABASE, "bench");
        values.put(CommonKeys.DATA_DIR, folder.resolve("platform").toString());
        values.put(SalesJobConfig.ALLOWED_LATENESS_MS, Long.toString(Duration.ofHours(3).toMillis()));
        SalesJobConfig config = SalesJobConfig.fromSettings(Settings.of(values));
        long jobNanos;
        long cpuAtStart;
        long jobCpuNanos;
        try (ClickHouseClient clickHouse = ClickHouseClient.open(endpoint);
                RunningSalesJob job = SalesPerMinuteJob.start(config)) {
            job.awaitRunning(Duration.ofMinutes(2));
            long start = System.nanoTime();
            cpuAtStart = processCpuNanos();
            while (!complete(clickHouse, events - ticks, paidOrders)) {
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(15)) {
                    throw new IllegalStateException("the job did not finish within 15 minutes");
                }
                Thread.sleep(200); // polling ClickHouse, the only way to see the job's output land
            }
            jobNanos = System.nanoTime() - start;
            jobCpuNanos = processCpuNanos() - cpuAtStart;
        }

        // 3. the same rows through clickhouse-client
        List<String> tables = new ArrayList<>();
        tables.add("sales_per_minute");
        for (KpiTable table : KpiTable.values()) {
            tables.add(table.tableName());
        }
        long rows = 0;
        long clientNanos = 0;
        Path dumps = Files.createDirectories(folder.resolve("dumps"));
        for (String table : tables) {
            Path dump = dumps.resolve(table + ".tsv");
            clickHouseClient(server, "SELECT * FROM bench." + table + " FINAL FORMAT TabSeparated", null, dump);
            rows += Files.readAllLines(dump).size();
            long start = System.nanoTime();
            clickHouseClient(server, "INSERT INTO bench_copy." + table + " FORMAT TabSeparated", dump, null);
            clientNanos += System.nanoTime() - start;
        }

        // what part of the client's time is starting the process: the same number of SELECT 1
        long startupNanos = 0;
        for (int i = 0; i < tables.size(); i++) {
            long start = System.nanoTime();
            clickHouseClient(server, "SELECT 1", null, dumps.resolve("select-1.tsv"));
            startupNanos += System.nanoTime() - start;
        }

        double jobSeconds = jobNanos / 1e9;
        double clientSeconds = clientNanos / 1e9;
        System.out.printf("job:               %d events in %.2f s = %.0f events/s (%d rows in %d tables, FINAL)%n",
                events, jobSeconds, events / jobSeconds, rows, tables.size());
        // the machine is shared: CPU time shows what the job costs whatever the load of the others
        System.out.printf("                   %.2f s CPU of this JVM meanwhile (the job, and the in-process Kafka broker"
                + " serving it) = %.0f events per CPU-second; load average %.1f on %d cores%n", jobCpuNanos / 1e9,
                events / (jobCpuNanos / 1e9), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("clickhouse-client: %d rows in %.3f s = %.0f rows/s (= %.0f events/s equivalent)%n",
                rows, clientSeconds, rows / clientSeconds, events / clientSeconds);
        System.out.printf("  of which starting %d clickhouse-client processes (%d x SELECT 1): %.3f s%n",
                tables.size(), tables.size(), startupNanos / 1e9);
        System.out.printf("ratio job / clickhouse-client (events/s): %.4f%n", clientSeconds / jobSeconds);
        return new Measurement(shoppers, activity.orders().size(), activity.clicks().size(), events, paidOrders, rows,
                tables.size(), jobSeconds, jobCpuNanos / 1e9, clientSeconds, startupNanos / 1e9,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long produce(LocalInfrastructure infra, ShopActivity activity, Instant tickAt) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        SchemaRegistryClient registry = new SchemaRegistryClient(infra.schemaRegistryUrl());
        long events = 0;
        try (KafkaProducer<String, OrderEvent> orders = new KafkaProducer<>(properties,
                Topics.ORDER_EVENTS.keySerde().serializer(), Topics.ORDER_EVENTS.valueSerde(registry).serializer());
                KafkaProducer<String, ClickEvent> clicks = new KafkaProducer<>(properties,
                        Topics.CLICKSTREAM.keySerde().serializer(), Topics.CLICKSTREAM.valueSerde(registry).serializer())) {
            for (OrderEvent event : activity.orders()) {
                orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(event.getOrderId()), event));
                events++;
            }
            for (ClickEvent click : activity.clicks()) {
                clicks.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), click.getSessionId(), click));
                events++;
            }
            // an event on every partition after the last minute, so every window closes
            for (int partition = 0; partition < Topics.ORDER_EVENTS.partitions(); partition++) {
                orders.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), partition, Topics.key(9_000_000L + partition),
                        OrderEventFixtures.clockTick(9_000_000L + partition, tickAt)));
                clicks.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), partition, "tick-" + partition,
                        ShopActivityFixtures.clickTick("tick-" + partition, tickAt)));
                events += 2;
            }
        }
        return events;
    }

    /**
     * Whether the final rows of every minute before the ticks' hold all of their events (the ticks'
     * own minute may follow) and every paid order.
     */
    private static boolean complete(ClickHouseClient clickHouse, long eventsBeforeTicks, long paidOrders) {
        List<List<String>> lag = clickHouse.rows("SELECT sum(events) FROM bench.pipeline_lag_per_minute FINAL"
                + " WHERE stage = 'analytics'");
        List<List<String>> paid = clickHouse.rows("SELECT sum(paid_orders) FROM bench.order_totals_per_minute FINAL");
        return Long.parseLong(lag.get(0).get(0)) >= eventsBeforeTicks && Long.parseLong(paid.get(0).get(0)) == paidOrders;
    }

    private static void clickHouseClient(ClickHouseServer server, String query, @Nullable Path input, @Nullable Path output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("clickhouse-client", "--host", "127.0.0.1",
                "--port", Integer.toString(server.tcpPort()), "--query", query);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        if (output != null) {
            builder.redirectOutput(output.toFile());
        }
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("clickhouse-client failed (" + process.exitValue() + "): " + query);
        }
    }

    /** The command line that reproduces this run: this JVM's flags, the contract's classpath, the arguments given. */
    private static String command(String[] args) {
        return BenchmarkCommand.of(BenchmarkCommand.testClasspath("analytics-flink"), KpiJobBenchmark.class, List.of(args));
    }

    /** What one run measured, as printed, and as the figures of {@code ./platform bench}. */
    private record Measurement(int shoppers, int orderEvents, int clickEvents, long events, long paidOrders, long rows,
            int tables, double jobSeconds, double jobCpuSeconds, double clientSeconds, double clientStartupSeconds,
            double loadAverage) {

        BenchmarkResult result(Options options, String command) {
            return BenchmarkResult.builder(BENCHMARK)
                    // client seconds / job seconds: the same events over both times
                    .figure("flink.ratio", clientSeconds / jobSeconds)
                    .figure("flink.events_per_s", events / jobSeconds)
                    .figure("flink.client_events_per_s", events / clientSeconds)
                    .figure("flink.events", events)
                    .figure("flink.rows", rows)
                    .figure("flink.job_seconds", jobSeconds)
                    .figure("flink.events_per_cpu_s", events / jobCpuSeconds)
                    .figure("flink.client_seconds", clientSeconds)
                    .figure("flink.client_startup_seconds", clientStartupSeconds)
                    .note(String.format(Locale.ROOT, "%d shoppers: %d order events + %d click events + ticks = %d events"
                            + " (%d paid orders)%s", shoppers, orderEvents, clickEvents, events, paidOrders,
                            options.smoke() ? " (smoke run)" : ""))
                    .note("job: MiniCluster in this JVM, timed from RUNNING until ClickHouse holds every event of the"
                            + " minutes before the ticks (includes the sink's flush interval and the 200 ms polling);"
                            + " events_per_cpu_s counts this JVM's CPU (job and in-process broker)")
                    .note(String.format(Locale.ROOT, "clickhouse-client: %d final rows of %d tables inserted, one process per"
                            + " table; %.2f s of its time is starting %d processes (SELECT 1)", rows, tables,
                            clientStartupSeconds, tables))
                    .note(String.format(Locale.ROOT, "load average %.1f at the end, %d cores, Java %s", loadAverage,
                            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")))
                    .build(command);
        }
    }

    /** The command line's options. */
    private record Options(int shoppers, Path data, @Nullable Path results, boolean smoke) {

        private static final String USAGE = "usage: KpiJobBenchmark [--shoppers N] [--data folder] [--results file.json]"
                + " [--smoke]";

        static Options parse(String[] args) throws IOException {
            Map<String, String> values = new HashMap<>();
            boolean smoke = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--smoke")) {
                    smoke = true;
                } else if (List.of("--shoppers", "--data", "--results").contains(args[i]) && i + 1 < args.length) {
                    values.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IOException(USAGE + "; got " + args[i]);
                }
            }
            int shoppers = Integer.parseInt(values.getOrDefault("shoppers", smoke ? "1000" : "20000"));
            Path data = values.containsKey("data") ? Path.of(values.get("data")).toAbsolutePath() : defaultFolder();
            Path results = values.containsKey("results") ? Path.of(values.get("results")).toAbsolutePath() : null;
            return new Options(shoppers, data, results, smoke);
        }

        private static Path defaultFolder() {
            // run from the repository root or from the module folder: data stays under the module's target/
            Path module = Files.isDirectory(Path.of("analytics-flink", "src")) ? Path.of("analytics-flink") : Path.of(".");
            return module.resolve("target").resolve("benchmark").toAbsolutePath().normalize();
        }
    }
}
