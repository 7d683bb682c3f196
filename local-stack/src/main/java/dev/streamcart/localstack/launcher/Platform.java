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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.streamcart.localstack.infra.ClickHouseServer;
import dev.streamcart.localstack.infra.FreePorts;
import dev.streamcart.localstack.infra.LoadBalancer;
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
 *
 * <p>The {@link Topology} says how many of each part run: one of each, or a cluster of three
 * brokers, two instances of each Streams app, a capture standby and two APIs behind HAProxy.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final PlatformLayout layout;
    private final PlatformOptions options;
    private final Reaper reaper;
    private final ServiceLauncher launcher;
    private final Consumer<String> progress;
    private final Supervisor supervisor;
    private final ProcessTable processTable;
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private final Map<String, ServiceInstance> instances = new LinkedHashMap<>();
    private volatile boolean stopping;
    private Endpoints endpoints;
    private Map<String, String> serviceSettings = Map.of();
    private @Nullable AdminCredentials adminCredentials;
    private volatile @Nullable PostgresServer postgres;
    private int postgresPort;
    private volatile @Nullable KafkaCluster kafka;
    private volatile @Nullable SchemaRegistryServer registry;
    private volatile @Nullable ClickHouseServer clickHouse;
    private int clickHouseHttpPort;
    private int clickHouseTcpPort;
    private volatile @Nullable LoadBalancer balancer;
    private @Nullable FlinkSessionCluster flink;
    private volatile @Nullable String flinkJobId;
    private int publicApiPort;
    private List<Integer> apiInstancePorts = List.of();
    private Map<String, String> metricsUrls = Map.of();

    private Platform(PlatformLayout layout, PlatformOptions options, Consumer<String> progress) {
        this.layout = layout;
        this.options = options;
        this.progress = progress;
        this.reaper = Reaper.forThisJvm(layout.run());
        this.launcher = new ServiceLauncher(layout, reaper);
        this.supervisor = new Supervisor(progress);
        this.processTable = new ProcessTable(layout.run());
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
        Topology topology = options.topology();
        createFolders();
        PortAssignments ports = new PortAssignments(layout.run());

        progress.accept("starting PostgreSQL 17 (embedded, logical WAL, fsync on)");
        postgresPort = ports.port("postgres");
        startPostgres();

        progress.accept(topology.brokers() == 1 ? "starting Kafka (KRaft, single node)"
                : "starting Kafka (KRaft, " + topology.brokers() + " brokers, replication factor 3, min.insync.replicas 2)");
        KafkaCluster brokers = KafkaCluster.start(topology.brokers(), layout, ports, launcher, options.readyTimeout());
        kafka = brokers;
        brokers.names().forEach(name -> processTable.put(new ProcessTable.Entry(name, "kafka broker",
                brokers.broker(name).pid(), brokers.address(name))));
        String bootstrap = brokers.bootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, brokers.replicationFactor());

        progress.accept("starting the schema registry");
        registry = SchemaRegistryServer.start(bootstrap, ports.port("schema-registry"));

        progress.accept("starting ClickHouse");
        clickHouseHttpPort = ports.port("clickhouse-http");
        clickHouseTcpPort = ports.port("clickhouse-tcp");
        startClickHouse();

        publicApiPort = options.apiPort() == 0 ? FreePorts.next() : options.apiPort();
        if (!FreePorts.isFree(publicApiPort)) {
            throw new IllegalStateException("port " + publicApiPort + " for the API is taken; set PLATFORM_API_PORT to another one");
        }
        // the Streams apps answer interactive queries on ports kept between runs like the others, so a
        // restarted app is found where it was
        ServicePlan plan = ServicePlan.of(topology, ports, layout, publicApiPort, brokers.replicationFactor());
        if (topology.flinkSessionCluster()) {
            flink = FlinkSessionCluster.plan(layout, ports, topology.flinkTaskManagers());
        }
        ports.save();
        apiInstancePorts = plan.apis().stream().map(api -> Integer.parseInt(api.settings().get("api.port"))).toList();

        endpoints = new Endpoints(postgres().jdbcUrl(), bootstrap, Objects.requireNonNull(registry).url(),
                clickHouse().httpUrl(), "http://127.0.0.1:" + publicApiPort);
        serviceSettings = new LinkedHashMap<>(endpoints.serviceSettings());
        serviceSettings.putAll(plan.sharedSettings());
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
        Map<String, String> environment = new LinkedHashMap<>(admin.environment());
        // serving-api migrates as the owner (postgres.user) and serves as its application role with
        // this password; the other services keep the owner (ingest-cdc needs REPLICATION)
        environment.putAll(DatabaseAppPassword.keep(layout.dataDirectory()).environment());
        if (flink != null) {
            environment.putAll(flink.environment());
        }
        launcher.environment(environment);

        progress.accept("applying PostgreSQL migrations (Flyway)");
        launcher.runToCompletion(ServiceSpec.POSTGRES_MIGRATIONS, serviceSettings, Duration.ofMinutes(3));
        progress.accept("applying ClickHouse migrations");
        launcher.runToCompletion(ServiceSpec.CLICKHOUSE_MIGRATIONS, serviceSettings, Duration.ofMinutes(3));

        // one at a time: the first capture instance takes the capture lock, the next stands by
        for (ServiceInstance capture : plan.capture()) {
            startAndAwait(List.of(capture));
        }
        startAndAwait(plan.inventory());
        startAndAwait(plan.orders());
        if (flink != null) {
            startFlinkSessionCluster(flink);
        } else {
            startAndAwait(List.of(plan.analytics()));
        }
        startAndAwait(plan.apis());
        for (ServiceInstance api : plan.apis()) {
            awaitHealthy(services.get(api.name()), api.address());
        }
        if (topology.loadBalanced()) {
            progress.accept("starting HAProxy in front of " + plan.apis().size() + " API instances");
            startBalancer();
        }
        endpoints.write(layout.run());
        Map<String, String> metrics = new LinkedHashMap<>();
        for (ServiceInstance instance : plan.withMetrics()) {
            if (flink == null || !instance.role().equals(ServiceSpec.ANALYTICS_FLINK.name())) {
                metrics.put(instance.name(), Objects.requireNonNull(instance.metricsUrl()));
            }
        }
        if (flink != null) {
            List<ServiceInstance> flinkProcesses = new ArrayList<>(List.of(flink.jobManager()));
            flinkProcesses.addAll(flink.taskManagers());
            flinkProcesses.forEach(process -> metrics.put(process.name(), Objects.requireNonNull(process.metricsUrl())));
        }
        metricsUrls = Collections.unmodifiableMap(metrics);
        // where a Prometheus on this machine scrapes them (127.0.0.1 only, off the API's public port)
        metrics.forEach((name, url) -> progress.accept("metrics of " + name + ": " + url));
        if (options.traffic()) {
            progress.accept("starting simulated storefront traffic");
            startAndAwait(List.of(ServiceInstance.of(ServiceSpec.LOADGEN.withArguments(options.trafficArguments()))));
        }
        if (options.superviseRestarts()) {
            superviseEverything();
        }
        progress.accept("platform started in " + Duration.between(begin, Instant.now()).toSeconds() + " s");
    }

    private void startPostgres() {
        PostgresServer server = PostgresServer.start(layout.dataDirectory().resolve("postgres"), postgresPort);
        reaper.register(server.postmasterPid());
        postgres = server;
        processTable.put(new ProcessTable.Entry("postgres", "postgresql", server.postmasterPid(), server.jdbcUrl()));
    }

    private void startClickHouse() {
        ClickHouseServer server = ClickHouseServer.start(layout.dataDirectory().resolve("clickhouse"), clickHouseHttpPort,
                clickHouseTcpPort, reaper);
        clickHouse = server;
        processTable.put(new ProcessTable.Entry("clickhouse", "clickhouse", server.process().pid(), server.httpUrl()));
    }

    private void startBalancer() {
        LoadBalancer started = LoadBalancer.start(layout.dataDirectory().resolve("haproxy"), publicApiPort, apiInstancePorts,
                reaper, options.readyTimeout());
        balancer = started;
        processTable.put(new ProcessTable.Entry("haproxy", "load balancer", started.process().pid(), started.url()));
    }

    /** A JobManager and its TaskManagers, all at once (TaskManagers retry until the JobManager answers), then the job. */
    private void startFlinkSessionCluster(FlinkSessionCluster cluster) {
        progress.accept("starting a Flink session cluster: a JobManager and " + cluster.taskManagers().size()
                + " TaskManagers");
        ManagedProcess jobManager = launch(cluster.jobManager());
        cluster.taskManagers().forEach(this::launch);
        jobManager.awaitReady(options.readyTimeout(), cluster::allTaskManagersRegistered);
        submitFlinkJob(cluster);
    }

    /** {@code flink run -d}: returns once the job runs on the cluster. */
    private void submitFlinkJob(FlinkSessionCluster cluster) {
        progress.accept("submitting the KPI job with flink run");
        Map<String, String> settings = new LinkedHashMap<>(serviceSettings);
        settings.putAll(cluster.jobSettings());
        ServiceSpec submission = cluster.submission();
        ManagedProcess client = launcher.start(submission, settings);
        int exit = client.awaitExit(options.readyTimeout());
        String log = client.tail(400);
        if (exit != 0) {
            throw new IllegalStateException("flink run failed with exit code " + exit + "; see " + client.logFile() + "\n"
                    + client.tail(30));
        }
        flinkJobId = FlinkSessionCluster.submittedJob(log)
                .orElseThrow(() -> new IllegalStateException("flink run printed no job id; see " + client.logFile()));
        progress.accept("the KPI job runs on the Flink cluster as " + cluster.jobManager().address() + "/jobs/" + flinkJobId);
    }

    /** Starts every instance of a group at once (they share the work), then waits until each is ready. */
    private void startAndAwait(List<ServiceInstance> group) {
        List<ManagedProcess> started = new ArrayList<>();
        for (ServiceInstance instance : group) {
            progress.accept("starting " + instance.name());
            started.add(launch(instance));
        }
        started.forEach(process -> process.awaitReadyLine(options.readyTimeout()));
    }

    private ManagedProcess launch(ServiceInstance instance) {
        Map<String, String> settings = new LinkedHashMap<>(serviceSettings);
        settings.putAll(instance.settings());
        ManagedProcess process = launcher.start(instance.spec(), settings);
        synchronized (services) {
            services.put(instance.name(), process);
            instances.put(instance.name(), instance);
        }
        processTable.put(new ProcessTable.Entry(instance.name(), instance.role(), process.pid(), instance.address()));
        return process;
    }

    private void awaitHealthy(ManagedProcess api, String url) {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create(url + "/health");
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

    /** Everything the launcher started is restarted when it dies, infrastructure included. */
    private void superviseEverything() {
        supervisor.watch(new Supervisor.Part("postgres", this::postgresAlive, this::restartPostgres));
        KafkaCluster brokers = Objects.requireNonNull(kafka);
        for (String broker : brokers.names()) {
            supervisor.watch(new Supervisor.Part(broker, () -> brokers.isAlive(broker), () -> {
                ManagedProcess process = brokers.restart(broker);
                processTable.put(new ProcessTable.Entry(broker, "kafka broker", process.pid(), brokers.address(broker)));
            }));
        }
        supervisor.watch(new Supervisor.Part("clickhouse", () -> clickHouse().process().isAlive(), this::restartClickHouse));
        FlinkSessionCluster cluster = flink;
        for (String name : serviceNames()) {
            if (cluster != null && name.startsWith("flink-")) {
                continue;
            }
            watchService(name);
        }
        if (cluster != null) {
            superviseFlink(cluster);
        }
        if (balancer != null) {
            supervisor.watch(new Supervisor.Part("haproxy", () -> Objects.requireNonNull(balancer).process().isAlive(), () -> {
                Objects.requireNonNull(balancer).close();
                startBalancer();
            }));
        }
        supervisor.start();
    }

    /**
     * A TaskManager comes back and registers; the job restarts on the slots left meanwhile. A JobManager
     * comes back without the job it ran (no high availability here), which is submitted again from its
     * latest retained checkpoint.
     */
    private void superviseFlink(FlinkSessionCluster cluster) {
        for (ServiceInstance taskManager : cluster.taskManagers()) {
            supervisor.watch(new Supervisor.Part(taskManager.name(), () -> service(taskManager.name()).isAlive(), () -> {
                if (!stopping) {
                    launch(taskManager).awaitReady(options.readyTimeout(), cluster::allTaskManagersRegistered);
                }
            }));
        }
        ServiceInstance jobManager = cluster.jobManager();
        supervisor.watch(new Supervisor.Part(jobManager.name(), () -> service(jobManager.name()).isAlive(), () -> {
            if (!stopping) {
                launch(jobManager).awaitReady(options.readyTimeout(), cluster::allTaskManagersRegistered);
                submitFlinkJob(cluster);
            }
        }));
    }

    /** The KPI job's id on the Flink session cluster; empty when the job runs on its own MiniCluster. */
    public Optional<String> flinkJobId() {
        return Optional.ofNullable(flinkJobId);
    }

    /** Whether the session cluster has every TaskManager and runs the job on all its tasks (true without one). */
    public boolean flinkReady() {
        FlinkSessionCluster cluster = flink;
        return cluster == null || cluster.jobsFullyRunning();
    }

    private void watchService(String name) {
        supervisor.watch(new Supervisor.Part(name, () -> service(name).isAlive(), () -> {
            ServiceInstance instance;
            synchronized (services) {
                instance = instances.get(name);
            }
            if (instance != null && !stopping) {
                launch(instance).awaitReadyLine(options.readyTimeout());
            }
        }));
    }

    private boolean postgresAlive() {
        long pid = postgres().postmasterPid();
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Starts PostgreSQL again on its folder and port; it recovers from its WAL, as after a power cut. */
    private void restartPostgres() {
        PostgresServer dead = postgres();
        reaper.unregister(dead.postmasterPid());
        try {
            dead.close();
        } catch (RuntimeException e) {
            LOG.debug("releasing the dead PostgreSQL failed", e);
        }
        startPostgres();
    }

    private void restartClickHouse() {
        clickHouse().close();
        startClickHouse();
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

    public Topology topology() {
        return options.topology();
    }

    /** The operator account serving-api was started with. */
    public AdminCredentials adminCredentials() {
        return Objects.requireNonNull(adminCredentials, "the platform has not started");
    }

    public Map<String, String> serviceSettings() {
        return Map.copyOf(serviceSettings);
    }

    public PostgresServer postgres() {
        return Objects.requireNonNull(postgres, "PostgreSQL has not started");
    }

    private ClickHouseServer clickHouse() {
        return Objects.requireNonNull(clickHouse, "ClickHouse has not started");
    }

    /** A running process by name: a service instance, a broker ({@code kafka}, {@code kafka-1}...), or {@code clickhouse}. */
    public ManagedProcess service(String name) {
        KafkaCluster brokers = kafka;
        if (brokers != null && brokers.names().contains(name)) {
            return brokers.broker(name);
        }
        if ("clickhouse".equals(name)) {
            return clickHouse().process();
        }
        if ("haproxy".equals(name) && balancer != null) {
            return Objects.requireNonNull(balancer).process();
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
        supervisor.forget(name);
        ManagedProcess process;
        synchronized (services) {
            process = services.remove(name);
            instances.remove(name);
        }
        if (process == null) {
            throw new IllegalArgumentException("no service named " + name);
        }
        process.stop(STOP_GRACE);
        processTable.remove(name);
    }

    public List<String> serviceNames() {
        synchronized (services) {
            return List.copyOf(services.keySet());
        }
    }

    /** Processes currently alive (services and brokers), for the status line. */
    /** Where each service instance serves {@code /metrics} (Prometheus text), by instance name; empty before start. */
    public Map<String, String> metricsUrls() {
        return metricsUrls;
    }

    public long servicesUp() {
        long brokers = kafka == null ? 0 : Objects.requireNonNull(kafka).aliveCount();
        synchronized (services) {
            return services.values().stream().filter(ManagedProcess::isAlive).count() + brokers;
        }
    }

    public int servicesTotal() {
        int brokers = kafka == null ? 0 : Objects.requireNonNull(kafka).size();
        synchronized (services) {
            return services.size() + brokers;
        }
    }

    @Override
    public void close() {
        stopping = true;
        supervisor.close();
        List<ManagedProcess> running;
        synchronized (services) {
            running = new ArrayList<>(services.values());
        }
        // the simulator first, then the balancer in front of the APIs, then the services, newest first
        for (int i = running.size() - 1; i >= 0; i--) {
            ManagedProcess process = running.get(i);
            if ("loadgen".equals(process.name())) {
                stop(process);
            }
        }
        closeQuietly(balancer, "HAProxy");
        for (int i = running.size() - 1; i >= 0; i--) {
            ManagedProcess process = running.get(i);
            if (!"loadgen".equals(process.name())) {
                stop(process);
            }
        }
        closeQuietly(clickHouse, "ClickHouse");
        closeQuietly(registry, "the schema registry");
        if (kafka != null) {
            progress.accept("stopping Kafka");
        }
        closeQuietly(kafka, "Kafka");
        PostgresServer database = postgres;
        closeQuietly(database, "PostgreSQL");
        if (database != null) {
            reaper.unregister(database.postmasterPid());
        }
        if (endpoints != null) {
            Endpoints.delete(layout.run());
        }
        processTable.delete();
    }

    private void stop(ManagedProcess process) {
        progress.accept("stopping " + process.name());
        process.stop(STOP_GRACE);
    }

    private static void closeQuietly(@Nullable AutoCloseable part, String what) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", what, e.toString());
        }
    }
}
