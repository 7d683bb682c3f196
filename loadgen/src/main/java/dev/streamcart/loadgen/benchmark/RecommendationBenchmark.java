package dev.streamcart.loadgen.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.schemas.bench.BenchmarkCommand;
import dev.streamcart.schemas.bench.BenchmarkResult;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Recommendations under load: a synthetic model of {@code --products} items and
 * {@code --users} users (random factors, rank {@code --rank}) written as a model folder, the
 * products bulk-loaded into a fresh PostgreSQL with COPY, serving-api started as its own process
 * (exactly as the launcher does, from {@code serving-api/target/lib}), then closed-loop load from
 * {@code --threads} clients, each with one keep-alive connection, asking
 * {@code GET /api/recommendations/{random user}?limit=10} as fast as answers come, for
 * {@code --duration}. Prints requests/s, p50/p99/p99.9/max and errors; then the same again while
 * the promoted model changes every {@code --swap-every} (CURRENT rewritten atomically and
 * {@code POST /api/admin/models/reload}), where zero failed requests are expected. Every user is
 * known to the model, so every request scores all items: the worst case. A benchmark: it asserts
 * nothing.
 */
@Command(name = "recommendation-benchmark", mixinStandardHelpOptions = true,
        description = "Recommendations at 100k products and 50k users: throughput and latency, then during model swaps.")
public final class RecommendationBenchmark implements Callable<Integer> {

    private static final String ADMIN_EMAIL = "benchmark-admin@streamcart.test";
    private static final String ADMIN_PASSWORD = "benchmark admin password";
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("'v'yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--products", defaultValue = "100000", description = "items in the model and products in PostgreSQL")
    int products;

    @Option(names = "--users", defaultValue = "50000", description = "users in the model")
    int users;

    @Option(names = "--rank", defaultValue = "32", description = "factors per user and item")
    int rank;

    @Option(names = "--sellers", defaultValue = "2000", description = "sellers the products spread over")
    int sellers;

    @Option(names = "--threads", defaultValue = "16", description = "client threads (one connection each)")
    int threads;

    @Option(names = "--warmup", defaultValue = "PT120S", description = "longest time for the warm-up, which asks for every user once (JIT, caches)")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "PT30S", description = "each measured phase")
    Duration duration;

    @Option(names = "--swap-every", defaultValue = "PT1S", description = "how often the promoted model changes in phase 2")
    Duration swapEvery;

    @Option(names = "--kafka", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "run Kafka and the registry, as in production: impressions produced, stock and order views "
                    + "replicated (--no-kafka: PostgreSQL only)")
    boolean kafka;

    @Option(names = "--api-lib", defaultValue = "serving-api/target/lib", description = "serving-api's runtime classpath folder")
    Path apiLib;

    @Option(names = "--api-heap", defaultValue = "1g", description = "serving-api's -Xmx")
    String apiHeap;

    /** serving-api's process, for its CPU time per phase (a figure that the machine's other load does not inflate). */
    private ProcessHandle apiProcess;

    @Option(names = "--api-jvm-option", description = "extra JVM option for serving-api (repeatable), e.g. "
            + "-XX:StartFlightRecording=filename=api.jfr to profile it")
    List<String> apiJvmOptions = new ArrayList<>();

    @Option(names = "--data", defaultValue = "loadgen/target/recommendation-benchmark", description = "working folder (wiped)")
    Path data;

    @Option(names = "--results", description = "write the figures there (BenchmarkResult JSON) when the run succeeded")
    @Nullable Path results;

    @Option(names = "--smoke", description = "a small model (2,000 items, 1,000 users) and 5 s phases: proves the benchmark "
            + "works and produces its figures; options given explicitly still apply")
    boolean smoke;

    @Spec
    CommandSpec spec;

    private List<String> arguments = List.of();

    public static void main(String[] args) {
        RecommendationBenchmark benchmark = new RecommendationBenchmark();
        benchmark.arguments = List.of(args);
        System.exit(new CommandLine(benchmark).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            smokeSizes();
        }
        deleteRecursively(data);
        Path models = Files.createDirectories(data.resolve("models"));
        Random random = new Random(42);
        Instant now = Instant.now();
        String first = VERSION.format(now.minusSeconds(2));
        String second = VERSION.format(now.minusSeconds(1));
        long started = System.nanoTime();
        writeModel(models, first, random);
        writeModel(models, second, random);
        promote(models, first);
        System.out.printf("model folders written (2 versions, %,d items x %,d users x rank %d) in %.1f s%n", products,
                users, rank, seconds(System.nanoTime() - started));

        LocalInfrastructure.Builder parts = LocalInfrastructure.builder(data.resolve("infra")).postgres();
        if (kafka) {
            parts = parts.kafka().schemaRegistry().topics();
        }
        try (LocalInfrastructure infra = parts.start()) {
            int port = freePort();
            Process api = startApi(infra, models, port);
            try {
                started = System.nanoTime();
                loadCatalog(infra);
                System.out.printf("%,d products and %,d sellers loaded with COPY in %.1f s%n", products, sellers,
                        seconds(System.nanoTime() - started));
                ApiClient admin = ApiClient.builder("http://127.0.0.1:" + port).connectTimeout(null).requestTimeout(null)
                        .build().login(ADMIN_EMAIL, ADMIN_PASSWORD);
                String token = Objects.requireNonNull(admin.bearerToken());
                System.out.printf("load: %d client threads, closed loop, GET /api/recommendations/{1..%d}?limit=10%n",
                        threads, users);
                apiProcess = api.toHandle();
                started = System.nanoTime();
                int ready = awaitCandidates(admin);
                System.out.printf("candidates of %,d users scored %.1f s after the login (serving-api's background scorer)%n",
                        ready, seconds(System.nanoTime() - started));
                // every user once (their purchases read and cached, the JIT warm), then the timed phases
                run(port, token, warmup, null, "warm-up", new AtomicInteger());
                Result steady = run(port, token, duration, null, "steady", null);
                ModelSwapper swapper = new ModelSwapper(models, List.of(first, second), admin);
                // a version never served before is loaded and scored before it replaces the served one:
                // time that once, then swap between the two warm versions as fast as the phase asks
                started = System.nanoTime();
                swapper.swapTo(second);
                double swapIn = seconds(System.nanoTime() - started);
                System.out.printf("new version %s loaded, its candidates scored and swapped in: %.1f s (requests go on "
                        + "with the served version meanwhile)%n", second, swapIn);
                swapper.swapTo(first);
                Result swapping = run(port, token, duration, swapper, "swapping", null);
                System.out.println();
                System.out.println("| phase | requests | req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | model swaps "
                        + "| serving-api CPU ms per request |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|");
                System.out.println(steady.row(0));
                System.out.println(swapping.row(swapper.swaps.get()));
                if (swapper.failures.get() > 0) {
                    System.out.println("model reloads that failed: " + swapper.failures.get());
                }
                String command = BenchmarkCommand.of("'loadgen/target/lib/*'", RecommendationBenchmark.class, arguments);
                System.out.println("command: " + command);
                if (steady.errors + swapping.errors > 0) {
                    System.err.println("recommendations: " + (steady.errors + swapping.errors) + " requests failed");
                    return 1;
                }
                if (results != null) {
                    result(steady, swapping, swapper.swaps.get(), swapIn, ready).build(command).write(results);
                }
                return 0;
            } finally {
                api.destroy();
                if (!api.waitFor(20, TimeUnit.SECONDS)) {
                    api.destroyForcibly();
                }
            }
        }
    }

    /** The smoke run's sizes, for every option not given explicitly. */
    private void smokeSizes() {
        ParseResult given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--products")) {
            products = 2_000;
        }
        if (!given.hasMatchedOption("--users")) {
            users = 1_000;
        }
        if (!given.hasMatchedOption("--sellers")) {
            sellers = 50;
        }
        if (!given.hasMatchedOption("--warmup")) {
            warmup = Duration.ofSeconds(10);
        }
        if (!given.hasMatchedOption("--duration")) {
            duration = Duration.ofSeconds(5);
        }
    }

    private BenchmarkResult.Builder result(Result steady, Result swapping, int swaps, double swapIn, int scoredUsers) {
        return BenchmarkResult.builder("recommendations")
                .figure("recommendations.rps", steady.requests / steady.seconds)
                .figure("recommendations.p99_ms", steady.millis(0.99))
                .figure("recommendations.p50_ms", steady.millis(0.50))
                .figure("recommendations.cpu_ms_per_request", steady.cpuMillisPerRequest())
                .figure("recommendations.swap_rps", swapping.requests / swapping.seconds)
                .figure("recommendations.swap_p99_ms", swapping.millis(0.99))
                .figure("recommendations.swap_in_seconds", swapIn)
                .note(String.format(Locale.ROOT, "model: %,d items x %,d users, rank %d (random factors); %,d users' candidates "
                        + "scored before measuring", products, users, rank, scoredUsers))
                .note(String.format(Locale.ROOT, "%d client threads, closed loop, %s per phase, Kafka %s", threads, duration,
                        kafka ? "on" : "off"))
                .note(steady.summary(0))
                .note(swapping.summary(swaps))
                .note(String.format(Locale.ROOT, "swapping: the promoted model changed %d times, every %s; a version never "
                        + "served before took %.1f s to load, score and swap in", swaps, swapEvery, swapIn));
    }

    // --- the synthetic model --------------------------------------------------------------------

    private void writeModel(Path models, String version, Random random) throws IOException {
        Path folder = Files.createDirectories(models.resolve(version));
        writeFactors(folder.resolve("user-factors.tsv"), users, random);
        writeFactors(folder.resolve("item-factors.tsv"), products, random);
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("popular.tsv"), StandardCharsets.UTF_8)) {
            for (int i = 1; i <= Math.min(products, 1_000); i++) {
                out.write(i + "\t" + (1_000 - i + 1) + "\n");
            }
        }
        Files.writeString(folder.resolve("model.json"), """
                {"version":"%s","createdAt":"%s","algorithm":"implicit-als","rank":%d,"regParam":0.1,"alpha":40.0,
                 "iterations":10,"seed":42,"trainedOn":{"interactions":0,"users":%d,"items":%d,"from":"%s","to":"%s"},
                 "metrics":{}}""".formatted(version, Instant.now(), rank, users, products, Instant.now(), Instant.now()));
        Files.writeString(folder.resolve("_SUCCESS"), "");
    }

    private void writeFactors(Path file, int count, Random random) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int id = 1; id <= count; id++) {
                line.setLength(0);
                line.append(id).append('\t');
                for (int f = 0; f < rank; f++) {
                    line.append(f == 0 ? "" : " ").append((float) (random.nextGaussian() * 0.3));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static void promote(Path models, String version) throws IOException {
        Path temp = models.resolve("CURRENT.tmp");
        Files.writeString(temp, version + "\n", StandardCharsets.UTF_8);
        Files.move(temp, models.resolve("CURRENT"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // --- PostgreSQL and serving-api ------------------------------------------------------------

    private Process startApi(LocalInfrastructure infra, Path models, int port) throws IOException, InterruptedException {
        if (!Files.isDirectory(apiLib)) {
            throw new IllegalStateException(apiLib + " is missing: build serving-api first (see loadgen/README.md)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + apiHeap));
        command.addAll(apiJvmOptions);
        if (kafka) {
            command.add("-Dkafka.bootstrap-servers=" + infra.bootstrapServers());
            command.add("-Dschema-registry.url=" + infra.schemaRegistryUrl());
        }
        command.addAll(List.of("-cp", apiLib.toAbsolutePath() + "/*",
                "-Dapi.port=" + port, "-Dapi.host=127.0.0.1",
                "-Dpostgres.jdbc-url=" + infra.jdbcUrl(), "-Dpostgres.user=" + infra.postgresUser(),
                "-Dpostgres.password=" + infra.postgresPassword(),
                "-Drecommender.models-dir=" + models.toAbsolutePath(),
                "-Dplatform.data-dir=" + data.resolve("api").toAbsolutePath(),
                "-Dauth.admin.email=" + ADMIN_EMAIL, "-Dauth.admin.password=" + ADMIN_PASSWORD,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dplatform.parent-pid=" + ProcessHandle.current().pid(),
                "dev.streamcart.serving.ServingApiMain"));
        Process process = new ProcessBuilder(command).redirectError(data.resolve("serving-api.log").toFile()).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        AtomicBoolean ready = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = stdout.readLine()) != null) {
                    if (line.startsWith("STREAMCART READY")) {
                        ready.set(true);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "serving-api-stdout");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!ready.get()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("serving-api did not start; see " + data.resolve("serving-api.log"));
            }
            Thread.sleep(100); // polling a child process's output: no event to wait on
        }
        return process;
    }

    /** Sellers, one category and the products (ids 1..n, as in the model) with COPY. */
    private void loadCatalog(LocalInfrastructure infra) throws Exception {
        try (Connection connection = infra.postgres().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO categories (id, name) VALUES (1, 'Benchmark')");
                statement.execute("INSERT INTO sellers (id, name, email) SELECT s, 'Seller ' || s, 'seller' || s "
                        + "|| '@benchmark.test' FROM generate_series(1, " + sellers + ") s");
            }
            StringBuilder rows = new StringBuilder(products * 48);
            for (int id = 1; id <= products; id++) {
                rows.append(id).append('\t').append(1 + id % sellers).append("\t1\tBENCH-").append(id)
                        .append("\tProduct ").append(id).append('\t').append(1 + id % 100).append(".99\n");
            }
            ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "COPY products (id, seller_id, category_id, sku, name, price) FROM STDIN",
                    new StringReader(rows.toString()));
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT setval('products_id_seq', " + products + ")");
                statement.execute("SELECT setval('sellers_id_seq', " + sellers + ")");
                statement.execute("SELECT setval('categories_id_seq', 1)");
            }
            connection.commit();
        }
    }

    /**
     * Waits until serving-api has scored every user's candidates (GET /api/admin/models), or they
     * stopped growing (a heap too small for all); returns how many users have them.
     */
    private int awaitCandidates(ApiClient admin) throws InterruptedException {
        int last = -1;
        long lastGrowth = System.nanoTime();
        while (true) {
            JsonNode control = admin.get("/api/admin/models").json().path("control");
            int ready = control.path("usersWithCandidates").asInt();
            if (ready >= control.path("users").asInt(Integer.MAX_VALUE)) {
                return ready;
            }
            if (ready > last) {
                last = ready;
                lastGrowth = System.nanoTime();
            } else if (System.nanoTime() - lastGrowth > TimeUnit.SECONDS.toNanos(10)) {
                return ready;
            }
            Thread.sleep(200); // polling a status: serving-api pushes no event for this
        }
    }

    // --- load ------------------------------------------------------------------------------------

    /** One phase's figures. */
    record Result(String phase, long requests, double seconds, long[] sortedNanos, long errors, double apiCpuSeconds) {

        String row(int swaps) {
            return "| %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %.3f |".formatted(phase, requests,
                    requests / seconds, millis(0.50), millis(0.99), millis(0.999),
                    sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6, errors, swaps,
                    cpuMillisPerRequest());
        }

        /** The row in words, for the result's notes. */
        String summary(int swaps) {
            return ("%s: %,d requests, %,.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d errors, %d model swaps, "
                    + "%.3f ms of serving-api CPU per request").formatted(phase, requests, requests / seconds, millis(0.50), millis(0.99), millis(0.999), errors, swaps,
                            cpuMillisPerRequest());
        }

        double cpuMillisPerRequest() {
            return requests == 0 ? 0 : apiCpuSeconds * 1000 / requests;
        }

        private double millis(double quantile) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
            return sortedNanos[Math.max(index, 0)] / 1e6;
        }
    }

    /** One phase of closed-loop load for {@code length}; with a {@code sweep}, each user once instead, at most that long. */
    private Result run(int port, String token, Duration length, ModelSwapper swapper, String phase,
                       AtomicInteger sweep) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger errors = new AtomicInteger();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[threads];
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] samples = new long[1 << 22];
            perThread.add(samples);
            int index = t;
            Thread client = new Thread(() -> {
                Random random = new Random(index * 7919L + phase.hashCode());
                HttpConnection connection = null;
                int n = 0;
                while (running.get()) {
                    long user = sweep == null ? 1 + random.nextInt(users) : sweep.incrementAndGet();
                    if (user > users) {
                        break;
                    }
                    long start = System.nanoTime();
                    try {
                        if (connection == null) {
                            connection = new HttpConnection(port);
                        }
                        int status = connection.get("/api/recommendations/" + user + "?limit=10", token);
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                    if (n < samples.length) {
                        samples[n++] = System.nanoTime() - start;
                    }
                }
                counts[index] = n;
                if (connection != null) {
                    connection.close();
                }
            }, "client-" + t);
            clients.add(client);
        }
        Thread swapping = swapper == null ? null : new Thread(() -> swapper.run(running, swapEvery), "model-swapper");
        long started = System.nanoTime();
        Duration cpuBefore = apiCpu();
        clients.forEach(Thread::start);
        if (swapping != null) {
            swapping.start();
        }
        if (sweep == null) {
            Thread.sleep(length.toMillis()); // the phase's length is the point: a fixed-duration load
        } else {
            for (Thread client : clients) {
                client.join(Math.max(1, length.toMillis() - (System.nanoTime() - started) / 1_000_000));
            }
        }
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        if (swapping != null) {
            swapping.join();
        }
        double seconds = seconds(System.nanoTime() - started);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        Result result = new Result(phase, total, seconds, all, errors.get(), apiCpu().minus(cpuBefore).toNanos() / 1e9);
        System.out.println(result.row(swapper == null ? 0 : swapper.swaps.get()) + " load average " + loadAverage());
        return result;
    }

    /** Promotes the versions in turn, then has serving-api reload at once (it would also notice within 2 s). */
    private static final class ModelSwapper {

        private final Path models;
        private final List<String> versions;
        private final ApiClient admin;
        final AtomicInteger swaps = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        ModelSwapper(Path models, List<String> versions, ApiClient admin) {
            this.models = models;
            this.versions = versions;
            this.admin = admin;
        }

        private ApiClient.Response reload() {
            return admin.post("/api/admin/models/reload", null);
        }

        void swapTo(String version) throws IOException {
            promote(models, version);
            ApiClient.Response response = reload();
            if (response.status() != 200 || !response.body().contains("\"servedVersion\":\"" + version + "\"")) {
                throw new IllegalStateException("swap to " + version + " failed: " + response.body());
            }
        }

        void run(AtomicBoolean running, Duration every) {
            int next = 1;
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    promote(models, versions.get(next % versions.size()));
                    ApiClient.Response response = reload();
                    if (response.status() == 200 && response.body().contains("\"changed\":true")) {
                        swaps.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                    next++;
                    long left = every.toNanos() - (System.nanoTime() - started);
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000); // the swap cadence itself
                    }
                } catch (IOException | ApiUnreachableException e) {
                    failures.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private Duration apiCpu() {
        return apiProcess == null ? Duration.ZERO : apiProcess.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
