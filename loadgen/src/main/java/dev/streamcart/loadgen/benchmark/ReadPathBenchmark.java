package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamcart.localstack.launcher.AdminCredentials;
import dev.streamcart.localstack.launcher.AdminSession;
import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.localstack.launcher.PlatformLayout;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every read path of the storefront and the dashboard against a running, seeded platform,
 * side by side with a trivial route of the same server in the same run (a 404: the machine's own
 * floor). For each route: the p99 at 4 connections (closed loop, random keys drawn from PostgreSQL),
 * then the throughput at 16 connections. A route meets its goal when its p99 is within its limit, or
 * within 1.5 times the trivial route's p99 where that floor is higher, and its throughput at 16
 * connections is at least half the trivial route's. A benchmark: it prints and asserts nothing;
 * {@code --smoke} runs each phase for a second, so the test suite keeps it alive.
 */
@Command(name = "read-path-benchmark", mixinStandardHelpOptions = true,
        description = "p99 and throughput of every read path of a running, seeded platform.")
public final class ReadPathBenchmark implements Callable<Integer> {

    /** One route under test: a path per request, the status it must answer, its p99 goal. */
    public record Route(String name, Supplier<String> paths, int expectedStatus, double p99LimitMillis) {}

    /**
     * What one route did; for its latency phase also where the machine's CPU went and how long the
     * API's JVM stood still, the two sources of a tail besides the route's own work.
     */
    public record Figures(String route, double p99LimitMillis, ClosedLoopLoad.Result atFour, ClosedLoopLoad.Result atSixteen,
                   double effectiveLimitMillis, double throughputRatio, boolean met, PlatformCpu.Usage cpuAtFour,
                   StoppedTime.Window apiStoppedAtFour) {}

    /** A latency phase with what ran beside it. */
    private record LatencyPhase(ClosedLoopLoad.Result result, PlatformCpu.Usage cpu, StoppedTime.Window apiStopped) {}

    static final String API_SERVICE = "serving-api";

    static final String TRIVIAL = "trivial-404";
    static final int LATENCY_CONNECTIONS = 4;
    static final int THROUGHPUT_CONNECTIONS = 16;

    @Option(names = "--duration", defaultValue = "PT15S", description = "each phase of each route (ISO-8601)")
    Duration duration;

    @Option(names = "--smoke", description = "a second per phase: proves every route answers, measures nothing worth quoting")
    boolean smoke;

    @Option(names = "--report", description = "also write the figures as JSON to this file")
    @Nullable Path report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReadPathBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PlatformLayout layout = PlatformLayout.fromEnvironment();
        Endpoints endpoints = Endpoints.read(layout.run());
        AdminCredentials admin = AdminCredentials.resolve(layout.dataDirectory(),
                System.getenv(AdminCredentials.ENVIRONMENT_VARIABLE));
        String token = AdminSession.login(endpoints.apiUrl(), admin);
        ReadPathSample sample = ReadPathSample.draw(endpoints.jdbcUrl(), "postgres", "postgres");
        Duration phase = smoke ? Duration.ofSeconds(1) : duration;
        double loadBefore = loadAverage();
        List<Figures> figures = measure(URI.create(endpoints.apiUrl()), token, sample, phase, layout);
        double loadAfter = loadAverage();
        System.out.print(table(figures));
        System.out.print(besides(figures));
        System.out.printf(Locale.ROOT, "machine: %d cores, 1-minute load average %.1f before, %.1f after; commit %s%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, commit(layout.repository()));
        System.out.printf(Locale.ROOT, "command: java -cp 'loadgen/target/lib/*' %s --duration %s%s%n",
                ReadPathBenchmark.class.getName(), phase, smoke ? " --smoke" : "");
        if (report != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), figures);
        }
        return 0;
    }

    /** Measures the trivial route first, then every read path, one at a time, on the platform in {@code layout}. */
    public static List<Figures> measure(URI api, String token, ReadPathSample sample, Duration phase,
                                        PlatformLayout layout) throws InterruptedException {
        ClosedLoopLoad load = new ClosedLoopLoad(api, token);
        WhatRanBeside beside = new WhatRanBeside(layout);
        List<Route> routes = routes(sample);
        // one short pass over everything first: JIT, connection pools and the OS page cache
        for (Route route : routes) {
            load.run(route.name(), route.paths(), route.expectedStatus(), LATENCY_CONNECTIONS,
                    phase.dividedBy(3).isZero() ? Duration.ofMillis(300) : phase.dividedBy(3));
        }
        List<LatencyPhase> latencies = new ArrayList<>();
        List<ClosedLoopLoad.Result> throughputs = new ArrayList<>();
        for (Route route : routes) {
            WhatRanBeside.Opened window = beside.open();
            ClosedLoopLoad.Result latency = load.run(route.name(), route.paths(), route.expectedStatus(),
                    LATENCY_CONNECTIONS, phase);
            WhatRanBeside.Window ran = window.close(List.of(API_SERVICE));
            latencies.add(new LatencyPhase(latency, ran.cpu(), ran.stopped().get(API_SERVICE)));
            throughputs.add(load.run(route.name(), route.paths(), route.expectedStatus(), THROUGHPUT_CONNECTIONS, phase));
        }
        ClosedLoopLoad.Result trivialLatency = latencies.get(0).result();
        ClosedLoopLoad.Result trivialThroughput = throughputs.get(0);
        List<Figures> figures = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            LatencyPhase latency = latencies.get(i);
            ClosedLoopLoad.Result throughput = throughputs.get(i);
            double limit = Math.max(route.p99LimitMillis(), 1.5 * trivialLatency.p99Millis());
            double ratio = throughput.requestsPerSecond() / trivialThroughput.requestsPerSecond();
            boolean met = latency.result().p99Millis() <= limit && ratio >= 0.5
                    && latency.result().unexpected() == 0 && throughput.unexpected() == 0;
            figures.add(new Figures(route.name(), route.p99LimitMillis(), latency.result(), throughput, limit, ratio, met,
                    latency.cpu(), latency.apiStopped()));
        }
        return figures;
    }

    /** Where each latency phase's tail could come from besides the route itself: CPU by role, the API's pauses. */
    public static String besides(List<Figures> figures) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nbeside each p99 phase (cores on average; the API's JVM at safepoints):%n"));
        for (Figures f : figures) {
            out.append(String.format(Locale.ROOT, "%-16s cpu: %s%n%-16s serving-api stopped: %s%n", f.route(),
                    f.cpuAtFour().describe(), "", f.apiStoppedAtFour().describe()));
        }
        return out.toString();
    }

    static List<Route> routes(ReadPathSample sample) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String week = "from=" + to.minus(Duration.ofDays(7)) + "&to=" + to;
        return List.of(
                new Route(TRIVIAL, () -> "/api/no-such-route", 404, Double.NaN),
                new Route("stock", () -> "/api/stock/" + ReadPathSample.any(sample.products()), 200, 10),
                new Route("order", () -> "/api/orders/" + ReadPathSample.any(sample.orders()), 200, 10),
                new Route("user-orders", () -> "/api/users/" + ReadPathSample.any(sample.buyers()) + "/orders", 200, 20),
                new Route("search", () -> "/api/search?q=" + encode(ReadPathSample.any(sample.words()))
                        + "&category=" + ReadPathSample.any(sample.categories()) + "&minPrice=1&maxPrice=500", 200, 100),
                new Route("recommendations", () -> "/api/recommendations/" + ReadPathSample.any(sample.buyers())
                        + "?limit=10", 200, 20),
                new Route("dashboard-7d", () -> ReadPathSample.any(List.of(
                        "/api/analytics/orders?" + week + "&granularity=hour",
                        "/api/analytics/top-products?" + week,
                        "/api/analytics/regions?" + week,
                        "/api/analytics/funnel?" + week)), 200, 1_000),
                // exact distinct users over the week: a report of its own, its cost differs in kind
                new Route("customers-7d", () -> "/api/analytics/customers?" + week + "&granularity=day", 200, 1_000));
    }

    public static String table(List<Figures> figures) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n%-16s %10s %10s %10s %12s %10s %10s %6s%n", "route", "p50@4 ms", "p99@4 ms", "limit ms",
                "req/s@16", "vs 404", "unexpected", "goal"));
        for (Figures f : figures) {
            out.append(String.format(Locale.ROOT, "%-16s %10.2f %10.2f %10s %12.0f %10.2f %10d %6s%n", f.route(),
                    f.atFour().p50Millis(), f.atFour().p99Millis(),
                    f.route().equals(TRIVIAL) ? "-" : String.format(Locale.ROOT, "%.1f", f.effectiveLimitMillis()),
                    f.atSixteen().requestsPerSecond(), f.throughputRatio(),
                    f.atFour().unexpected() + f.atSixteen().unexpected(),
                    f.route().equals(TRIVIAL) ? "-" : f.met() ? "met" : "MISSED"));
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String commit(Path repository) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(repository.toFile())
                    .redirectErrorStream(true).start();
            String hash = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? hash : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
