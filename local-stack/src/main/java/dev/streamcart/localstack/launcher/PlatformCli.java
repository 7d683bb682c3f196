package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.localstack.process.Reaper;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** The {@code platform} command: run, train, reset. The shell script of that name calls this. */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = "Runs the StreamCart platform on embedded defaults.",
        subcommands = {PlatformCli.Up.class, PlatformCli.Train.class, PlatformCli.Reset.class, PlatformCli.Status.class,
            PlatformCli.Verify.class, PlatformCli.Seed.class})
public final class PlatformCli {

    private static final PrintStream OUT = System.out;

    public static void main(String[] args) {
        // the platform script passes its own pid: if it dies (terminal closed, SIGKILL), stop everything
        ParentWatchdog.watch(Long.getLong(CommonKeys.PARENT_PID, 0L));
        System.exit(new CommandLine(new PlatformCli()).execute(args));
    }

    static void say(String message) {
        OUT.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  " + message);
    }

    /** Holds run/launcher.lock while the platform runs, so a second `up` or a `reset` refuses. */
    static FileLock lock(PlatformLayout layout) {
        try {
            Files.createDirectories(layout.run());
            FileChannel channel = FileChannel.open(layout.run().resolve("launcher.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + layout.run(), e);
        }
    }

    @Command(name = "up", description = "Starts PostgreSQL, Kafka, the schema registry, ClickHouse, every service and simulated traffic.")
    static final class Up implements Callable<Integer> {

        @Option(names = "--no-traffic", description = "Do not start the storefront simulator.")
        boolean noTraffic;

        @Option(names = "--api-port", description = "Port of the API (default: $PLATFORM_API_PORT or 8080).")
        Integer apiPort;

        @Option(names = "--orders-per-second", description = "Rate of the simulator (default: its own).")
        Double ordersPerSecond;

        @Option(names = "--cluster", description = "Run the same jars as a cluster: 3 Kafka brokers, 2 instances of each"
                + " Streams app, a capture standby and 2 APIs behind HAProxy (data in .platform-data-cluster/).")
        boolean cluster;

        @Override
        public Integer call() throws Exception {
            PlatformLayout layout = PlatformLayout.fromEnvironment(cluster);
            FileLock lock = lock(layout);
            if (lock == null) {
                say("the platform is already running on " + layout.dataDirectory() + " (stop it first)");
                return 1;
            }
            int port = apiPort != null ? apiPort : Integer.parseInt(System.getenv().getOrDefault("PLATFORM_API_PORT", "8080"));
            List<String> traffic = new ArrayList<>();
            if (ordersPerSecond != null) {
                traffic.add("--orders-per-second=" + ordersPerSecond);
            }
            PlatformOptions options = PlatformOptions.defaults().withApiPort(port).withTraffic(!noTraffic, traffic)
                    .withTopology(cluster ? Topology.cluster() : Topology.single());
            say("data folder " + layout.dataDirectory() + " (logs in " + layout.logs() + ")");
            CountDownLatch stopped = new CountDownLatch(1);
            Platform platform = Platform.start(layout, options, PlatformCli::say);
            StatusReporter status = new StatusReporter(platform);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                OUT.println();
                say("stopping the platform");
                status.close();
                platform.close();
                say("stopped; nothing is left running");
                stopped.countDown();
            }, "platform-shutdown"));
            String api = platform.endpoints().apiUrl();
            OUT.println();
            if (cluster) {
                ProcessTable.read(layout.run()).forEach(entry -> OUT.println("  " + describe(entry)));
                OUT.println();
            }
            OUT.println("  API        " + api + "/api" + (cluster ? "   (HAProxy in front of the API instances)" : ""));
            OUT.println("  Dashboard  " + api + "/dashboard");
            OUT.println("  OpenAPI    " + api + "/openapi.yaml   (Swagger UI: " + api + "/docs)");
            OUT.println("  Health     " + api + "/health");
            AdminCredentials admin = platform.adminCredentials();
            OUT.println("  Admin      " + admin.email() + " / " + switch (admin.source()) {
                case ENVIRONMENT -> "(the password in PLATFORM_ADMIN_PASSWORD)";
                case SAVED, GENERATED -> admin.password() + "   (generated; kept in "
                        + layout.dataDirectory().resolve(AdminCredentials.FILE_NAME) + ")";
            });
            OUT.println("  Train      ./platform train     (recommendations from the data collected so far)");
            OUT.println("  Status     ./platform status    (every process with its role)");
            OUT.println("  Stop       Ctrl-C");
            OUT.println();
            boolean terminal = System.console() != null || "1".equals(System.getenv("PLATFORM_TTY"));
            while (!stopped.await(terminal ? 2 : 10, TimeUnit.SECONDS)) {
                String line = status.line();
                if (line == null) {
                    continue;
                }
                if (terminal) {
                    OUT.print("\r" + line + "   ");
                    OUT.flush();
                } else {
                    say(line);
                }
            }
            lock.release();
            return 0;
        }
    }

    @Command(name = "train", description = "Trains the recommender on the data collected so far and publishes the model"
            + " to the running API when it beats the served one.")
    static final class Train implements Callable<Integer> {

        /** The recommender's exit code when the shop has no purchases yet. */
        private static final int NOTHING_TO_TRAIN = 2;

        @Option(names = "--cluster", description = "Train on a Spark standalone cluster (a Master and a Worker started for"
                + " this run, the job submitted with spark-submit) instead of local[*].")
        boolean cluster;

        @Parameters(description = "Extra options for the recommender's train command (e.g. --rank 16).")
        List<String> extra = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PlatformLayout layout = PlatformLayout.ofRunningPlatform();
            Endpoints endpoints = Endpoints.read(layout.run());
            // signed in first: a refused password stops the command before it trains or promotes anything
            String token;
            try {
                token = AdminSession.login(endpoints.apiUrl(), AdminCredentials.forRunningPlatform(layout.dataDirectory(),
                        System.getenv(AdminCredentials.ENVIRONMENT_VARIABLE)));
            } catch (AdminSignInRefused e) {
                say(e.getMessage() + "; nothing was trained");
                return 1;
            }
            ServiceLauncher launcher = new ServiceLauncher(layout, Reaper.forThisJvm(layout.run()));
            // promotes only a model at least as good as the served one on the same hold-out (the first always)
            List<String> trainArguments = new ArrayList<>(List.of("train", "--promote-if-better"));
            trainArguments.addAll(extra);
            int trained;
            if (cluster) {
                try (SparkStandalone spark = SparkStandalone.start(launcher, layout, Map.of())) {
                    say("training on the Spark standalone cluster at " + spark.masterUrl());
                    trained = launcher.runAttached(spark.submit(trainArguments), endpoints.serviceSettings());
                    say("the Spark Master counts " + spark.completedApplications() + " completed application(s)");
                }
            } else {
                trained = launcher.runAttached(ServiceSpec.RECOMMENDER.withArguments(trainArguments), endpoints.serviceSettings());
            }
            if (trained == NOTHING_TO_TRAIN) {
                say("no paid orders yet, so there is nothing to learn from: let the traffic run a while and train again");
                return trained;
            }
            if (trained != 0) {
                say("training failed (exit code " + trained + "); the API keeps serving its current model");
                return trained;
            }
            // every instance loads the new model, not only the one the balancer picks
            List<String> apis = ProcessTable.read(layout.run()).stream()
                    .filter(entry -> ServiceSpec.SERVING_API.name().equals(entry.role()))
                    .map(ProcessTable.Entry::address)
                    .toList();
            int status = 0;
            for (String api : apis.isEmpty() ? List.of(endpoints.apiUrl()) : apis) {
                HttpResponse<String> reload = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(api + "/api/admin/models/reload"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                say("the API" + (apis.size() > 1 ? " at " + api : "") + " now serves: " + reload.body());
                status = reload.statusCode() < 300 ? status : 1;
            }
            return status;
        }
    }

    @Command(name = "seed", description = "Writes a generated marketplace into the running platform: --profile smoke|large,"
            + " or --products N --users N --orders N [--days D] [--seed S]. Exit code 2, with nothing written, on bad"
            + " input, without a running platform or without the disk for it.")
    static final class Seed implements Callable<Integer> {

        /** The seeder's own exit code for a refused seed. */
        static final int REFUSED = 2;

        // every option belongs to the seeder, which checks them itself
        @Unmatched
        List<String> options = new ArrayList<>();

        @Override
        public Integer call() {
            PlatformLayout layout = PlatformLayout.ofRunningPlatform();
            FileLock lock = lock(layout);
            if (lock != null) {
                release(lock);
                say("no running platform: start it with ./platform up --no-traffic, then seed it; nothing was written");
                return REFUSED;
            }
            Endpoints endpoints;
            try {
                endpoints = Endpoints.read(layout.run());
            } catch (IllegalStateException e) {
                say(e.getMessage() + "; nothing was written");
                return REFUSED;
            }
            List<String> arguments = new ArrayList<>(options);
            arguments.add("--data-dir=" + layout.dataDirectory());
            ServiceLauncher launcher = new ServiceLauncher(layout, Reaper.forThisJvm(layout.run()));
            return launcher.runAttached(ServiceSpec.SEEDER.withArguments(arguments), endpoints.serviceSettings());
        }

        private static void release(FileLock lock) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the launcher lock", e);
            }
        }
    }

    @Command(name = "reset", description = "Deletes all local data (PostgreSQL, Kafka, ClickHouse, models, logs), "
            + "of the single platform and of the cluster.")
    static final class Reset implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            List<PlatformLayout> layouts = Stream.of(PlatformLayout.fromEnvironment(false), PlatformLayout.fromEnvironment(true))
                    .distinct().filter(layout -> Files.exists(layout.dataDirectory())).toList();
            if (layouts.isEmpty()) {
                say("nothing to reset: " + PlatformLayout.fromEnvironment().dataDirectory() + " does not exist");
                return 0;
            }
            for (PlatformLayout layout : layouts) {
                FileLock lock = lock(layout);
                if (lock == null) {
                    say("the platform is running on " + layout.dataDirectory() + ": stop it (Ctrl-C) before a reset");
                    return 1;
                }
                lock.release();
                lock.channel().close();
            }
            for (PlatformLayout layout : layouts) {
                try (Stream<Path> paths = Files.walk(layout.dataDirectory())) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
                say("deleted " + layout.dataDirectory());
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Prints the addresses of the running platform and every process with its role.")
    static final class Status implements Callable<Integer> {

        @Override
        public Integer call() {
            PlatformLayout layout = PlatformLayout.ofRunningPlatform();
            FileLock lock = lock(layout);
            if (lock != null) {
                say("the platform is not running");
                return 1;
            }
            Endpoints endpoints = Endpoints.read(layout.run());
            OUT.println("API         " + endpoints.apiUrl());
            OUT.println("PostgreSQL  " + endpoints.jdbcUrl());
            OUT.println("Kafka       " + endpoints.bootstrapServers());
            OUT.println("Registry    " + endpoints.schemaRegistryUrl());
            OUT.println("ClickHouse  " + endpoints.clickHouseUrl());
            OUT.println();
            ProcessTable.read(layout.run()).forEach(entry -> OUT.println(describe(entry)));
            return 0;
        }
    }

    /** One process for the status list: name, role, pid and whether it runs, address. */
    static String describe(ProcessTable.Entry entry) {
        return String.format("%-22s %-20s pid %-8d %-5s %s", entry.name(), entry.role(), entry.pid(),
                entry.alive() ? "up" : "DOWN", entry.address());
    }

    @Command(name = "verify", description = "Compares every derived view (stock-levels, order-views) with PostgreSQL; "
            + "exits 1 on a mismatch, 2 when the platform cannot be read.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--wait", description = "Seconds to let views that trail (changes in flight) catch up before "
                + "a difference counts as a mismatch (default: ${DEFAULT-VALUE}).", defaultValue = "15")
        int waitSeconds;

        @Option(names = "--grace", description = "Seconds after its last change in PostgreSQL an entry must match its "
                + "view; newer changes are in flight and not compared (default: ${DEFAULT-VALUE}).", defaultValue = "5")
        int graceSeconds;

        @Override
        public Integer call() {
            PlatformLayout layout = PlatformLayout.ofRunningPlatform();
            VerificationReport report;
            try {
                Endpoints endpoints = Endpoints.read(layout.run());
                report = PlatformVerifier.verifyUntilConsistent(endpoints, Duration.ofSeconds(Math.max(0, graceSeconds)),
                        Duration.ofSeconds(Math.max(0, waitSeconds)));
            } catch (RuntimeException e) {
                say("cannot verify: " + e.getMessage());
                return 2;
            }
            report.lines().forEach(OUT::println);
            return report.consistent() ? 0 : 1;
        }
    }
}
