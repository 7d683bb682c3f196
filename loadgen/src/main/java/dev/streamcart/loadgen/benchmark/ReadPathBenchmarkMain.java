package dev.streamcart.loadgen.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.streamcart.loadgen.scale.SeededPlatform;
import dev.streamcart.localstack.launcher.AdminSession;
import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.bench.BenchmarkCommand;
import dev.streamcart.schemas.bench.BenchmarkResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The read paths as {@code ./platform bench} measures them (name {@code read_paths}): a fresh
 * platform without traffic on {@code --data}, seeded ({@code ./platform seed}) and given the time to
 * absorb the seed in every stage, then {@link ReadPathBenchmark#measure} (each route's p99 at 4
 * connections and its throughput at 16, next to a route that only answers 404: the floor). Exits 1
 * when a route answered anything but its expected status, since its figures then measure errors.
 */
@Command(name = "read-path-benchmark-main", mixinStandardHelpOptions = true,
        description = "Starts a fresh platform, seeds it and measures every read path.")
public final class ReadPathBenchmarkMain implements Callable<Integer> {

    private static final Duration FULL_ABSORPTION_LIMIT = Duration.ofMinutes(20);
    private static final Duration SMOKE_ABSORPTION_LIMIT = Duration.ofMinutes(2);
    /** The idle platform uses about a third of a core; twice that means a stage still works off the seed. */
    private static final double SETTLED_CORES = 0.7;
    private static final Duration SETTLING_WINDOW = Duration.ofSeconds(5);
    private static final Duration FULL_SETTLING_LIMIT = Duration.ofMinutes(5);
    private static final Duration SMOKE_SETTLING_LIMIT = Duration.ofSeconds(10);

    @Option(names = "--data", defaultValue = "loadgen/target/read-path-benchmark", description = "platform data folder (wiped)")
    Path data;

    @Option(names = "--results", description = "write the figures there (BenchmarkResult JSON) when the run succeeded")
    @Nullable Path results;

    @Option(names = "--smoke", description = "a tiny seed and a second per phase: proves every route answers")
    boolean smoke;

    @Option(names = "--products", description = "products to seed (default 50000, 300 with --smoke)")
    @Nullable Long products;

    @Option(names = "--users", description = "customers to seed (default 50000, 300 with --smoke)")
    @Nullable Long users;

    @Option(names = "--orders", description = "orders to seed (default 100000, 1000 with --smoke)")
    @Nullable Long orders;

    @Option(names = "--seed", defaultValue = "7", description = "the seed's random seed")
    long seed;

    @Option(names = "--phase", description = "each phase of each route, ISO-8601 (default PT10S, PT1S with --smoke)")
    @Nullable Duration phase;

    private List<String> arguments = List.of();

    public static void main(String[] args) {
        ReadPathBenchmarkMain main = new ReadPathBenchmarkMain();
        main.arguments = List.of(args);
        System.exit(new CommandLine(main).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repository = PlatformLayout.fromEnvironment().repository();
        Path folder = Folders.emptied(repository.resolve(data).toAbsolutePath());
        List<String> seedArguments = List.of("--products", Long.toString(size(products, 50_000, 300)),
                "--users", Long.toString(size(users, 50_000, 300)), "--orders", Long.toString(size(orders, 100_000, 1_000)),
                "--seed", Long.toString(seed));
        Duration each = phase != null ? phase : smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        say("starting a fresh platform without traffic in " + folder);
        try (SeededPlatform fresh = SeededPlatform.start(repository, folder, ReadPathBenchmarkMain::say)) {
            // a SIGTERM (./platform bench's timeout, Ctrl-C) ends the JVM without leaving this block: stop the platform in order
            Runtime.getRuntime().addShutdownHook(new Thread(fresh::close, "stop-platform"));
            Platform platform = fresh.platform();
            Endpoints endpoints = platform.endpoints();
            say("seeding " + String.join(" ", seedArguments));
            SeededPlatform.Seed seeded = fresh.seed(seedArguments);
            say(String.format(Locale.ROOT, "seeded in %.1f s; waiting for every stage to absorb it", seeded.seconds()));
            double absorbed = fresh.awaitAbsorbed(seeded, smoke ? SMOKE_ABSORPTION_LIMIT : FULL_ABSORPTION_LIMIT);
            say(String.format(Locale.ROOT, "absorbed %.1f s after the seed", absorbed));
            PlatformCpu.Usage settled = awaitSettled(new PlatformCpu(platform.layout().dataDirectory()),
                    smoke ? SMOKE_SETTLING_LIMIT : FULL_SETTLING_LIMIT);
            say("read paths, " + each + " per phase, the platform at " + settled.describe());
            String token = AdminSession.login(endpoints.apiUrl(), platform.adminCredentials());
            ReadPathSample sample = ReadPathSample.draw(endpoints.jdbcUrl(), "postgres", "postgres");
            double loadBefore = ReadPathBenchmark.loadAverage();
            List<ReadPathBenchmark.Figures> figures = ReadPathBenchmark.measure(URI.create(endpoints.apiUrl()), token,
                    sample, each, platform.layout());
            double loadAfter = ReadPathBenchmark.loadAverage();
            System.out.print(ReadPathBenchmark.table(figures));
            System.out.print(ReadPathBenchmark.besides(figures));
            String command = BenchmarkCommand.of("'loadgen/target/lib/*'", ReadPathBenchmarkMain.class, arguments);
            System.out.printf(Locale.ROOT, "machine: %d cores, 1-minute load average %.1f before, %.1f after%n",
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
            System.out.println("command: " + command);
            List<String> wrong = new ArrayList<>();
            for (ReadPathBenchmark.Figures route : figures) {
                long unexpected = route.atFour().unexpected() + route.atSixteen().unexpected();
                if (unexpected > 0) {
                    wrong.add(route.route() + " (" + unexpected + ")");
                }
            }
            if (!wrong.isEmpty()) {
                System.err.println("read paths answered an unexpected status: " + String.join(", ", wrong));
                return 1;
            }
            if (results != null) {
                result(figures, seedArguments, seeded, absorbed, each).build(command).write(results);
            }
            return 0;
        }
    }

    private static BenchmarkResult.Builder result(List<ReadPathBenchmark.Figures> figures, List<String> seedArguments,
                                                  SeededPlatform.Seed seeded, double absorbed, Duration each) {
        BenchmarkResult.Builder result = BenchmarkResult.builder("read_paths");
        Map<String, ReadPathBenchmark.Figures> byRoute = new LinkedHashMap<>();
        figures.forEach(route -> byRoute.put(route.route(), route));
        ReadPathBenchmark.Figures floor = byRoute.get(ReadPathBenchmark.TRIVIAL);
        ReadPathBenchmark.Figures stock = byRoute.get("stock");
        result.figure("stock_lookup.rps", stock.atSixteen().requestsPerSecond())
                .figure("stock_lookup.p99_ms", stock.atFour().p99Millis())
                .figure("stock_lookup.baseline_rps", floor.atSixteen().requestsPerSecond())
                .figure("floor.p99_ms", floor.atFour().p99Millis())
                .figure("floor.machine_busy_cores", floor.cpuAtFour().machineBusyCores())
                .figure("floor.api_cores", floor.cpuAtFour().coresByRole().getOrDefault(ReadPathBenchmark.API_SERVICE, 0.0))
                .figure("floor.client_cores", floor.cpuAtFour().coresByRole().getOrDefault(PlatformCpu.CLIENT, 0.0))
                .figure("floor.other_services_cores", floor.cpuAtFour().otherServicesCores(ReadPathBenchmark.API_SERVICE))
                .figure("floor.api_pause_share", floor.apiStoppedAtFour().share())
                .figure("floor.api_pause_max_ms", floor.apiStoppedAtFour().maxMillis());
        for (ReadPathBenchmark.Figures route : figures) {
            if (route == floor || route == stock) {
                continue;
            }
            String area = figureArea(route.route());
            result.figure(area + ".p99_ms", route.atFour().p99Millis())
                    .figure(area + ".rps", route.atSixteen().requestsPerSecond());
        }
        result.note("seed: " + String.join(" ", seedArguments) + String.format(Locale.ROOT,
                " (%.0f s; every stage absorbed it %.1f s later)", seeded.seconds(), absorbed));
        result.note("p99 at " + ReadPathBenchmark.LATENCY_CONNECTIONS + " connections, req/s at "
                + ReadPathBenchmark.THROUGHPUT_CONNECTIONS + " connections, " + each + " per phase, closed loop, random keys;"
                + " floor = GET /api/no-such-route (404)");
        for (ReadPathBenchmark.Figures route : figures) {
            if (route != floor) {
                result.note(String.format(Locale.ROOT, "%s: p99 %.2f ms (goal %.1f ms), %.2f x the floor's req/s: %s",
                        route.route(), route.atFour().p99Millis(), route.effectiveLimitMillis(), route.throughputRatio(),
                        route.met() ? "met" : "missed"));
            }
        }
        result.note("beside the floor's p99 phase: " + floor.cpuAtFour().describe() + "; serving-api stopped: "
                + floor.apiStoppedAtFour().describe());
        return result;
    }

    /**
     * The figure's area: the stock route is the stock lookup; the recommendations route is named
     * apart from the recommendations benchmark, which measures it on a model of catalogue scale.
     */
    static String figureArea(String route) {
        return switch (route) {
            case ReadPathBenchmark.TRIVIAL -> "floor";
            case "stock" -> "stock_lookup";
            case "recommendations" -> "recommendations_route";
            default -> route.replace('-', '_');
        };
    }

    /**
     * Waits until the platform's processes together use less than {@link #SETTLED_CORES} over a
     * window: a seed's after-effects (the click backlog in Flink, autovacuum, merges, compaction) would
     * otherwise run beside the first routes' p99 phases. Gives up after {@code limit} and says so.
     */
    private static PlatformCpu.Usage awaitSettled(PlatformCpu cpu, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long started = System.nanoTime();
        while (true) {
            PlatformCpu.Sample before = cpu.sample();
            Thread.sleep(SETTLING_WINDOW.toMillis()); // the measurement window itself, not a wait for an event
            PlatformCpu.Usage usage = PlatformCpu.between(before, cpu.sample());
            double platform = usage.platformCores();
            if (platform < SETTLED_CORES) {
                say(String.format(Locale.ROOT, "settled after %.0f s: the platform uses %.2f cores",
                        (System.nanoTime() - started) / 1e9, platform));
                return usage;
            }
            if (System.nanoTime() > deadline) {
                say(String.format(Locale.ROOT, "not settled after %s (the platform still uses %.2f cores); measuring anyway",
                        limit, platform));
                return usage;
            }
        }
    }

    private long size(@Nullable Long given, long full, long small) {
        return given != null ? given : smoke ? small : full;
    }

    private static void say(String message) {
        System.out.println("[read_paths] " + message);
    }
}
