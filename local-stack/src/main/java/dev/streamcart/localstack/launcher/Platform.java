package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.streamcart.localstack.infra.ClickHouseServer;
import dev.streamcart.localstack.infra.FreePorts;
import dev.streamcart.localstack.infra.PostgresServer;
import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.localstack.process.Reaper;
import dev.streamcart.localstack.registry.SchemaRegistryServer;
import dev.streamcart.schemas.topics.TopicProvisioner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: infrastructure first (PostgreSQL, Kafka, the schema
 * registry, ClickHouse), then migrations, then every service as a supervised child JVM, then the
 * storefront simulator. Closing stops everything in reverse order. Used by {@code ./platform up}
 * and by the end-to-end tests, so both run exactly the same system.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(2);

    private final PlatformLayout layout;
    private final PlatformOptions options;
    private final Reaper reaper;
    private final ServiceLauncher launcher;
    private final Consumer<String> progress;
    private final Deque<AutoCloseable> infrastructure = new ArrayDeque<>();
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "platform-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private Endpoints endpoints;
    private Map<String, String> serviceSettings = Map.of();
    private @Nullable AdminCredentials adminCredentials;
    private ManagedProcess kafka;
    private PostgresServer postgres;
    private final List<String> kafkaArguments = new ArrayList<>();

    private Platform(PlatformLayout layout, PlatformOptions options, Consumer<String> progress) {
        this.layout = layout;
        this.options = options;
        this.progress = progress;
        this.reaper = Reaper.forThisJvm(layout.run());
        this.launcher = new ServiceLauncher(layout, reaper);
    }

    public static Platform start(PlatformLayout layout, PlatformOptions options, Consumer<String> progress) {
        Platform platform = new Platform(layout, options, progress);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        Instant begin = Instant.now();
        createFolders();
        PortAssignments ports = new PortAssignments(layout.run());

        progress.accept("starting PostgreSQL 17 (embedded, logical WAL, fsync on)");
        postgres = PostgresServer.start(layout.dataDirectory().resolve("postgres"), ports.port("postgres"));
        reaper.register(postgres.postmasterPid());
        infrastructure.push(postgres);

        progress.accept("starting Kafka (KRaft, single node)");
        int kafkaPort = ports.port("kafka");
        kafkaArguments.addAll(List.of(layout.dataDirectory().resolve("kafka").toString(),
                Integer.toString(kafkaPort), Integer.toString(ports.port("kafka-controller"))));
        kafka = startKafka();
        infrastructure.push(() -> kafka.stop(STOP_GRACE));
        String bootstrap = "127.0.0.1:" + kafkaPort;
        TopicProvisioner.ensureTopics(bootstrap, (short) 1);

        progress.accept("starting the schema registry");
        SchemaRegistryServer registry = SchemaRegistryServer.start(bootstrap, ports.port("schema-registry"));
        infrastructure.push(registry);

        progress.accept("starting ClickHouse");
        ClickHouseServer clickHouse = ClickHouseServer.start(layout.dataDirectory().resolve("clickhouse"),
                ports.port("clickhouse-http"), ports.port("clickhouse-tcp"), reaper);
        infrastructure.push(clickHouse);
        // The Streams apps answer interactive queries on these; serving-api asks them for stock and
        // order views. Kept between runs like the others, so a restarted app is found where it was.
        int inventoryQueryPort = ports.port("inventory-query");
        int orderQueryPort = ports.port("order-query");
        ports.save();

        int apiPort = options.apiPort() == 0 ? FreePorts.next() : options.apiPort();
        if (!FreePorts.isFree(apiPort)) {
            throw new IllegalStateException("port " + apiPort + " for the API is taken; set PLATFORM_API_PORT to another one");
        }
        endpoints = new Endpoints(postgres.jdbcUrl(), bootstrap, registry.url(), clickHouse.httpUrl(),
                "http://127.0.0.1:" + apiPort);
        serviceSettings = new LinkedHashMap<>(endpoints.serviceSettings());
        serviceSettings.put("api.port", Integer.toString(apiPort));
        serviceSettings.put("inventory.query.port", Integer.toString(inventoryQueryPort));
        serviceSettings.put("orders.query.port", Integer.toString(orderQueryPort));
        serviceSettings.put("inventory.query.urls", "http://127.0.0.1:" + inventoryQueryPort);
        serviceSettings.put("orders.query.urls", "http://127.0.0.1:" + orderQueryPort);
        serviceSettings.put("loadgen.api-url", endpoints.apiUrl());
        if (options.traffic()) {
            // The simulator's few hundred shoppers each buy many times a day, far above the "more than 10
            // orders in 24 h" velocity rule; alone that rule (weight 65) would block most simulated payments.
            // At 90 a payment is blocked when velocity comes with a second signal (high amount, many cards).
            serviceSettings.putIfAbsent("payments.risk.threshold", "90");
        }
        serviceSettings.putAll(options.extraSettings());

        AdminCredentials admin = AdminCredentials.resolve(layout.dataDirectory(),
                System.getenv(AdminCredentials.ENVIRONMENT_VARIABLE));
        adminCredentials = admin;
        launcher.environment(admin.environment());

        progress.accept("applying PostgreSQL migrations (Flyway)");
        launcher.runToCompletion(ServiceSpec.POSTGRES_MIGRATIONS, serviceSettings, Duration.ofMinutes(3));
        progress.accept("applying ClickHouse migrations");
        launcher.runToCompletion(ServiceSpec.CLICKHOUSE_MIGRATIONS, serviceSettings, Duration.ofMinutes(3));

        for (ServiceSpec spec : ServiceSpec.PIPELINE) {
            progress.accept("starting " + spec.name());
            startService(spec);
        }
        awaitApiHealthy();
        endpoints.write(layout.run());
        if (options.traffic()) {
            progress.accept("starting simulated storefront traffic");
            startService(ServiceSpec.LOADGEN.withArguments(options.trafficArguments()));
        }
        if (options.superviseRestarts()) {
            supervisor.scheduleWithFixedDelay(this::superviseOnce, 1, 1, TimeUnit.SECONDS);
        }
        progress.accept("platform started in " + Duration.between(begin, Instant.now()).toSeconds() + " s");
    }

    private ManagedProcess startKafka() {
        ManagedProcess process = launcher.start(ServiceSpec.KAFKA.withArguments(kafkaArguments), Map.of());
        process.awaitReadyLine(options.readyTimeout());
        return process;
    }

    private void startService(ServiceSpec spec) {
        ManagedProcess process = launcher.start(spec, serviceSettings);
        synchronized (services) {
            services.put(spec.name(), process);
            specs.put(spec.name(), spec);
        }
        process.awaitReadyLine(options.readyTimeout());
    }

    private void awaitApiHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create(endpoints.apiUrl() + "/health");
        ManagedProcess api = service(ServiceSpec.SERVING_API.name());
        api.awaitReady(options.readyTimeout(), () -> {
            try {
                return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Starts again any service that died, as a process manager would. */
    private void superviseOnce() {
        if (stopping) {
            return;
        }
        try {
            if (!kafka.isAlive()) {
                LOG.warn("Kafka exited unexpectedly; restarting it");
                progress.accept("Kafka exited unexpectedly; restarting it");
                kafka = startKafka();
            }
            for (String name : List.copyOf(services.keySet())) {
                ManagedProcess process;
                ServiceSpec spec;
                synchronized (services) {
                    process = services.get(name);
                    spec = specs.get(name);
                }
                if (process != null && spec != null && !stopping && !process.isAlive()) {
                    progress.accept(name + " exited unexpectedly (see " + process.logFile() + "); restarting it");
                    Thread.sleep(RESTART_BACKOFF.toMillis());
                    startService(spec);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("supervision failed", e);
        }
    }

    private void createFolders() {
        try {
            Files.createDirectories(layout.logs());
            Files.createDirectories(layout.run());
            Files.createDirectories(layout.models());
            Files.createDirectories(layout.servicesRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + layout.dataDirectory(), e);
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public PlatformLayout layout() {
        return layout;
    }

    public ServiceLauncher launcher() {
        return launcher;
    }

    /** The operator account serving-api was started with. */
    public AdminCredentials adminCredentials() {
        return Objects.requireNonNull(adminCredentials, "the platform has not started");
    }

    public Map<String, String> serviceSettings() {
        return Map.copyOf(serviceSettings);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** A running service by name (kafka included). */
    public ManagedProcess service(String name) {
        if ("kafka".equals(name)) {
            return kafka;
        }
        synchronized (services) {
            ManagedProcess process = services.get(name);
            if (process == null) {
                throw new IllegalArgumentException("no service named " + name + "; known: " + services.keySet());
            }
            return process;
        }
    }

    /** Stops a service for good (it is no longer supervised), e.g. the simulator before a final check. */
    public void stopService(String name) {
        ManagedProcess process;
        synchronized (services) {
            process = services.remove(name);
            specs.remove(name);
        }
        if (process == null) {
            throw new IllegalArgumentException("no service named " + name);
        }
        process.stop(STOP_GRACE);
    }

    public List<String> serviceNames() {
        synchronized (services) {
            return List.copyOf(services.keySet());
        }
    }

    /** Processes currently alive, for the status line. */
    public long servicesUp() {
        synchronized (services) {
            return services.values().stream().filter(ManagedProcess::isAlive).count() + (kafka.isAlive() ? 1 : 0);
        }
    }

    public int servicesTotal() {
        synchronized (services) {
            return services.size() + 1;
        }
    }

    @Override
    public void close() {
        stopping = true;
        supervisor.shutdownNow();
        List<ManagedProcess> running;
        synchronized (services) {
            running = new ArrayList<>(services.values());
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            ManagedProcess process = running.get(i);
            progress.accept("stopping " + process.name());
            process.stop(STOP_GRACE);
        }
        while (!infrastructure.isEmpty()) {
            AutoCloseable part = infrastructure.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        if (postgres != null) {
            reaper.unregister(postgres.postmasterPid());
        }
        if (endpoints != null) {
            Endpoints.delete(layout.run());
        }
    }
}
