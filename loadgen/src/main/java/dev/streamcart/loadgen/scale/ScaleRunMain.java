package dev.streamcart.loadgen.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamcart.loadgen.benchmark.ReadPathBenchmark;
import dev.streamcart.loadgen.benchmark.ReadPathSample;
import dev.streamcart.loadgen.seeding.SeedReport;
import dev.streamcart.localstack.launcher.AdminSession;
import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.localstack.testing.Folders;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How each cost grows with the data (the scale report): for each size, a fresh platform
 * without traffic, {@code ./platform seed} of that size, then the pipeline's absorption per stage,
 * {@code ./platform verify}, ClickHouse's revenue against PostgreSQL's, serving-api's memory, its
 * restart to {@code /health} UP, and every read path (see {@link ReadPathBenchmark}). Writes
 * {@code results.json}, {@code report.md} and one PNG per figure into {@code --out}. Run it alone on
 * the machine: every figure is a time.
 */
@Command(name = "scale-run", mixinStandardHelpOptions = true,
        description = "Seeds the platform at growing sizes and measures how every cost grows.")
public final class ScaleRunMain implements Callable<Integer> {

    private static final Duration ABSORPTION_LIMIT = Duration.ofHours(2);

    @Option(names = "--orders", split = ",",
            description = "sizes to run, in orders (products and users are half as many, at least 2,000);"
                    + " default 10000,100000, or none with --large")
    @Nullable List<Long> sizes;

    @Option(names = "--large", description = "also the large profile (1M products, 1M users, 2M orders)")
    boolean large;

    @Option(names = "--read-phase", defaultValue = "PT10S", description = "each phase of the read-path benchmark")
    Duration readPhase;

    @Option(names = "--out", defaultValue = "loadgen/scale-report", description = "report folder (relative to the repository)")
    Path out;

    @Option(names = "--append", description = "keep the sizes already in the report folder's results.json and add these")
    boolean append;

    @Option(names = "--data", defaultValue = "loadgen/target/scale-run", description = "platform data folder (wiped per size)")
    Path data;

    /** The command line it was started with, for the report. */
    private List<String> arguments = List.of();

    public static void main(String[] args) {
        ScaleRunMain run = new ScaleRunMain();
        run.arguments = List.of(args);
        System.exit(new CommandLine(run).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repository = PlatformLayout.fromEnvironment().repository();
        Path report = repository.resolve(out);
        Files.createDirectories(report);
        List<ScaleFigures> all = new ArrayList<>();
        Path previous = report.resolve("results.json");
        if (append && Files.isRegularFile(previous)) {
            all.addAll(List.of(new ObjectMapper().readValue(previous.toFile(), ScaleFigures[].class)));
        }
        List<Long> orderSizes = sizes != null ? sizes : large ? List.of() : List.of(10_000L, 100_000L);
        for (long orders : orderSizes) {
            long half = Math.max(2_000, orders / 2);
            all.add(runOne(repository, Long.toString(orders), List.of("--products", Long.toString(half), "--users",
                    Long.toString(half), "--orders", Long.toString(orders), "--seed", "7")));
            write(report, all);
        }
        if (large) {
            all.add(runOne(repository, "large", List.of("--profile", "large", "--seed", "7")));
            write(report, all);
        }
        System.out.println("scale-run: report in " + report);
        return 0;
    }

    private ScaleFigures runOne(Path repository, String label, List<String> seedArguments) throws Exception {
        Path folder = Folders.emptied(repository.resolve(data).toAbsolutePath());
        double loadStart = ReadPathBenchmark.loadAverage();
        say(label, "starting the platform without traffic");
        try (SeededPlatform fresh = SeededPlatform.start(repository, folder, m -> say(label, m))) {
            Platform platform = fresh.platform();
            PipelineWatch watch = fresh.watch();
            Endpoints endpoints = platform.endpoints();
            List<String> orderTopics = List.of("order-events");
            List<String> inventoryTopics = List.of("inventory-changes");
            long orderEventsBefore = watch.endOffsets(orderTopics);
            long inventoryBefore = watch.endOffsets(inventoryTopics);

            say(label, "seeding " + String.join(" ", seedArguments));
            SeededPlatform.Seed seed = fresh.seed(seedArguments);
            double seedSeconds = seed.seconds();
            SeedReport seeded = seed.report();

            say(label, "waiting for every stage to absorb the seed");
            PipelineWatch.Absorption absorption = fresh.absorption(seed, ABSORPTION_LIMIT);
            Map<String, Double> rates = new LinkedHashMap<>();
            rates.put("inventory-streams", rate(watch.endOffsets(inventoryTopics) - inventoryBefore, seedSeconds,
                    absorption.inventorySeconds()));
            rates.put("order-streams", rate(watch.endOffsets(orderTopics) - orderEventsBefore, seedSeconds,
                    absorption.orderSeconds()));
            rates.put("ingest-cdc", rate(watch.endOffsets(orderTopics) - orderEventsBefore
                    + watch.endOffsets(inventoryTopics) - inventoryBefore, seedSeconds, absorption.cdcSeconds()));

            ManagedProcess api = platform.service("serving-api");
            say(label, "read paths, " + readPhase + " per phase");
            String token = AdminSession.login(endpoints.apiUrl(), platform.adminCredentials());
            ReadPathSample sample = ReadPathSample.draw(endpoints.jdbcUrl(), "postgres", "postgres");
            List<ReadPathBenchmark.Figures> reads = ReadPathBenchmark.measure(URI.create(endpoints.apiUrl()), token,
                    sample, readPhase, platform.layout());
            System.out.print(ReadPathBenchmark.table(reads));
            System.out.print(ReadPathBenchmark.besides(reads));
            long rss = ProcessMemory.residentMegabytes(api.pid());
            long peak = ProcessMemory.peakResidentMegabytes(api.pid());

            say(label, "verifying every stock level and order view against PostgreSQL");
            long verifyStart = System.nanoTime();
            long mismatches;
            try {
                VerificationReport verification = PlatformVerifier.verifyUntilConsistent(endpoints,
                        PlatformVerifier.DEFAULT_GRACE, Duration.ofMinutes(10));
                verification.lines().forEach(line -> say(label, line));
                mismatches = verification.mismatchCount();
            } catch (RuntimeException | OutOfMemoryError e) {
                // a verifier that cannot cope with the size is itself a figure of the report
                say(label, "verify failed: " + e);
                mismatches = -1;
            }
            double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
            boolean revenueEqual = watch.single(SeededPlatform.POSTGRES_REVENUE)
                    .equals(watch.clickHouseSingle(SeededPlatform.CLICKHOUSE_REVENUE));

            say(label, "killing serving-api (SIGKILL) and timing its way back to /health UP");
            Double restart = restartSeconds(platform, endpoints.apiUrl());
            double loadEnd = ReadPathBenchmark.loadAverage();

            Map<String, Double> p99 = new LinkedHashMap<>();
            Map<String, Double> rps = new LinkedHashMap<>();
            Map<String, Boolean> met = new LinkedHashMap<>();
            for (ReadPathBenchmark.Figures figures : reads) {
                p99.put(figures.route(), figures.atFour().p99Millis());
                rps.put(figures.route(), figures.atSixteen().requestsPerSecond());
                met.put(figures.route(), figures.met());
            }
            ScaleFigures figures = new ScaleFigures(label, count(watch, "products"), count(watch, "users"),
                    count(watch, "orders"), seedSeconds, seeded.rows() / Math.max(1e-3, seeded.seconds()), absorption, rates,
                    verifySeconds, mismatches, revenueEqual, rss, peak, restart, p99, rps, met,
                    loadStart, loadEnd);
            say(label, "figures: " + figures);
            return figures;
        }
    }

    private static long count(PipelineWatch watch, String table) throws Exception {
        return Long.parseLong(watch.single("SELECT count(*) FROM " + table));
    }

    private static Double rate(long records, double seedSeconds, Double caughtUpSeconds) {
        return caughtUpSeconds == null ? null : records / (seedSeconds + caughtUpSeconds);
    }

    private static Double restartSeconds(Platform platform, String apiUrl) throws InterruptedException {
        ManagedProcess api = platform.service("serving-api");
        long killed = System.nanoTime();
        api.kill();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = killed + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            ManagedProcess current = platform.service("serving-api");
            if (current != api && current.isAlive()) {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return (System.nanoTime() - killed) / 1e9;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    private void write(Path folder, List<ScaleFigures> figures) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("results.json").toFile(),
                figures);
        String provenance = String.format(Locale.ROOT, "Generated %s UTC on %d cores, one run per size, read-path phases of %s; "
                + "command: `java -Xmx2g -cp 'loadgen/target/lib/*' %s %s`.", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), readPhase, ScaleRunMain.class.getName(), String.join(" ", arguments));
        Files.writeString(folder.resolve("report.md"), ScaleReport.markdown(figures, provenance));
        ScaleCharts.write(folder, figures);
    }

    private static void say(String label, String message) {
        System.out.printf(Locale.ROOT, "[scale %s] %s%n", label, message);
    }
}
