package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The KPI job on a real Flink session cluster, as {@code bin/start-cluster.sh} and {@code flink run}
 * would run it: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers
 * ({@code TaskManagerRunner}) as child JVMs from analytics-flink's jars, on 127.0.0.1, sharing one
 * {@code config.yaml}, and the job submitted with {@code flink run -d} ({@code CliFrontend}), which
 * returns once the job runs. flink-dist is not on Maven Central; its entry points are in flink-runtime
 * and flink-clients, which the module's runtime classpath holds, and so do the connector and the
 * job's dependencies: the submitted jar is the module's thin jar, its classes loaded child-first.
 *
 * <p>Checkpoints go to {@code <data>/flink/checkpoints}, which every process of the cluster reaches. A
 * TaskManager that dies is restarted by the supervisor; meanwhile the job restarts from its latest
 * checkpoint on the slots left (two per TaskManager, the job's parallelism is two). A JobManager that
 * dies takes the running job with it (no high availability here): it is started again and the job is
 * submitted again from its latest retained checkpoint.
 */
final class FlinkSessionCluster {

    static final String JOB_MODULE = "analytics-flink";
    static final String JOB_MAIN_CLASS = "dev.streamcart.analytics.sales.SalesPerMinuteJob";
    static final String JOB_MANAGER = "flink-jobmanager";
    static final String TASK_MANAGER = "flink-taskmanager";
    /** analytics-flink's reporter (Flink's Prometheus one binds every interface), on the cluster's classpath. */
    private static final String METRICS_REPORTER = "prom";
    private static final String METRICS_REPORTER_FACTORY = "dev.streamcart.analytics.metrics.MicrometerMetricReporterFactory";
    private static final int SLOTS_PER_TASK_MANAGER = 2;
    private static final int JOB_PARALLELISM = 2;
    private static final Pattern SUBMITTED = Pattern.compile("STREAMCART SUBMITTED \\S+ ([0-9a-f]{32})");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Flink's own config.yaml passes to every JVM (env.java.opts.all) on Java 17; the CLI fails without it. */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            // the job's jar sets simplelogger to warn; the cluster's own start-up lines are worth keeping
            "-Dorg.slf4j.simpleLogger.log.org.apache.flink=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.metrics=warn");

    private final PlatformLayout layout;
    private final Path folder;
    private final int restPort;
    private final List<ServiceInstance> taskManagers;
    private final ServiceInstance jobManager;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FlinkSessionCluster(PlatformLayout layout, Path folder, int restPort, ServiceInstance jobManager,
            List<ServiceInstance> taskManagers) {
        this.layout = layout;
        this.folder = folder;
        this.restPort = restPort;
        this.jobManager = jobManager;
        this.taskManagers = taskManagers;
    }

    /** Writes the cluster's configuration and plans its processes; {@link Platform} starts and supervises them. */
    static FlinkSessionCluster plan(PlatformLayout layout, PortAssignments ports, int taskManagerCount) {
        Path folder = layout.dataDirectory().resolve("flink");
        int restPort = ports.port("flink-rest");
        writeConfiguration(folder, restPort, ports.port("flink-jobmanager-rpc"), ports.port("flink-blob"));
        String configDir = folder.resolve("conf").toString();
        int jobManagerMetrics = ports.port(JOB_MANAGER + "-metrics");
        ServiceInstance jobManager = new ServiceInstance(new ServiceSpec(JOB_MANAGER, JOB_MODULE,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "448m", JAVA_17_OPENS,
                List.of("--configDir", configDir, metricsPortOption(jobManagerMetrics))), "flink jobmanager", Map.of(),
                "http://127.0.0.1:" + restPort, metricsUrl(jobManagerMetrics));
        List<ServiceInstance> taskManagers = new ArrayList<>();
        for (int i = 1; i <= taskManagerCount; i++) {
            int rpc = ports.port("flink-taskmanager-" + i + "-rpc");
            int data = ports.port("flink-taskmanager-" + i + "-data");
            int metrics = ports.port("flink-taskmanager-" + i + "-metrics");
            taskManagers.add(new ServiceInstance(new ServiceSpec(TASK_MANAGER + "-" + i, JOB_MODULE,
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "512m", JAVA_17_OPENS,
                    List.of("--configDir", configDir, "-Dtaskmanager.rpc.port=" + rpc, "-Dtaskmanager.data.port=" + data,
                            metricsPortOption(metrics))),
                    "flink taskmanager", Map.of(), "127.0.0.1:" + rpc, metricsUrl(metrics)));
        }
        return new FlinkSessionCluster(layout, folder, restPort, jobManager, List.copyOf(taskManagers));
    }

    /** Each process's own port for the reporter that {@code config.yaml} names. */
    private static String metricsPortOption(int port) {
        return "-Dmetrics.reporter." + METRICS_REPORTER + ".port=" + port;
    }

    private static String metricsUrl(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    private static void writeConfiguration(Path folder, int restPort, int rpcPort, int blobPort) {
        Path conf = createDirectories(folder.resolve("conf"));
        Path tmp = createDirectories(folder.resolve("tmp"));
        createDirectories(folder.resolve("plugins"));
        String text = """
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.bind-host: 127.0.0.1
                jobmanager.rpc.port: %d
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %d
                blob.server.port: "%d"
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                jobmanager.memory.heap.size: 448m
                jobmanager.memory.off-heap.size: 64m
                jobmanager.memory.jvm-metaspace.size: 128m
                jobmanager.memory.jvm-overhead.min: 64m
                jobmanager.memory.jvm-overhead.max: 64m
                taskmanager.numberOfTaskSlots: %d
                taskmanager.cpu.cores: %d
                taskmanager.load-balance.mode: SLOTS
                # framework heap + task heap = the TaskManager's -Xmx512m
                taskmanager.memory.framework.heap.size: 128m
                taskmanager.memory.task.heap.size: 384m
                taskmanager.memory.managed.size: 64m
                taskmanager.memory.framework.off-heap.size: 64m
                taskmanager.memory.task.off-heap.size: 0m
                taskmanager.memory.network.min: 32m
                taskmanager.memory.network.max: 32m
                taskmanager.memory.jvm-metaspace.size: 128m
                taskmanager.memory.jvm-overhead.min: 64m
                taskmanager.memory.jvm-overhead.max: 64m
                execution.checkpointing.dir: %s
                # job-level: read by the client that submits, which reads this same file
                execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                execution.checkpointing.num-retained: 2
                # a dead TaskManager is noticed within seconds, not the 50 s default
                heartbeat.interval: 2000
                heartbeat.timeout: 15000
                classloader.resolve-order: child-first
                # every process serves its Flink metrics on /metrics, on loopback (its port is given per process):
                # checkpoint durations on the JobManager, records and the ClickHouse inserts on the TaskManagers
                metrics.reporter.%s.factory.class: %s
                metrics.reporter.%s.host: 127.0.0.1
                io.tmp.dirs: %s
                web.tmpdir: %s
                blob.storage.directory: %s
                """.formatted(rpcPort, restPort, blobPort, SLOTS_PER_TASK_MANAGER, SLOTS_PER_TASK_MANAGER,
                checkpointUri(folder), METRICS_REPORTER, METRICS_REPORTER_FACTORY, METRICS_REPORTER,
                tmp, tmp.resolve("web"), tmp.resolve("blobs"));
        try {
            Files.writeString(conf.resolve("config.yaml"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + conf, e);
        }
    }

    private static String checkpointUri(Path folder) {
        return createDirectories(folder.resolve("checkpoints")).toUri().toString();
    }

    /** The environment of every process: the CLI finds the cluster's configuration only through it. */
    Map<String, String> environment() {
        return Map.of("FLINK_CONF_DIR", folder.resolve("conf").toString(), "FLINK_PLUGINS_DIR",
                folder.resolve("plugins").toString());
    }

    ServiceInstance jobManager() {
        return jobManager;
    }

    List<ServiceInstance> taskManagers() {
        return taskManagers;
    }

    /** Whether the JobManager answers and counts every TaskManager registered. */
    boolean allTaskManagersRegistered() {
        return restGet("/overview").map(overview -> overview.path("taskmanagers").asInt(0)).orElse(0)
                >= taskManagers.size();
    }

    /**
     * Whether the cluster is whole again: every TaskManager registered and every job running with all
     * of its tasks. A TaskManager killed a moment ago still counts as registered until its heartbeat
     * times out, so the registration count alone would call a cluster ready that is still failing over.
     */
    boolean jobsFullyRunning() {
        if (!allTaskManagersRegistered()) {
            return false;
        }
        return restGet("/jobs/overview").map(overview -> {
            JsonNode jobs = overview.path("jobs");
            if (jobs.isEmpty()) {
                return false;
            }
            for (JsonNode job : jobs) {
                JsonNode tasks = job.path("tasks");
                if (!"RUNNING".equals(job.path("state").asText())
                        || tasks.path("running").asInt(-1) != tasks.path("total").asInt(-2)) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private Optional<JsonNode> restGet(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort
                    + path)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * {@code flink run -d -p 2 -c <job> <thin jar>}, from the latest retained checkpoint when there is
     * one (a restarted JobManager lost the running job). The job reads its settings in the client, so
     * they go to the submitting JVM.
     */
    ServiceSpec submission() {
        List<String> arguments = new ArrayList<>(List.of("run", "-d", "-p", Integer.toString(JOB_PARALLELISM)));
        latestCheckpoint().ifPresent(checkpoint -> arguments.addAll(List.of("-s", checkpoint.toUri().toString())));
        arguments.addAll(List.of("-c", JOB_MAIN_CLASS, jobJar().toString()));
        return new ServiceSpec("flink-run", JOB_MODULE, "org.apache.flink.client.cli.CliFrontend", "256m", JAVA_17_OPENS,
                arguments);
    }

    /** The settings the submitted job gets on top of the platform's. */
    Map<String, String> jobSettings() {
        return Map.of("analytics.checkpoint-dir", checkpointUri(folder), "analytics.parallelism",
                Integer.toString(JOB_PARALLELISM));
    }

    /** The job id {@code flink run} printed in its log. */
    static Optional<String> submittedJob(String log) {
        Matcher submitted = SUBMITTED.matcher(log);
        String id = null;
        while (submitted.find()) {
            id = submitted.group(1);
        }
        return Optional.ofNullable(id);
    }

    /** The newest complete checkpoint ({@code <job>/chk-N} with its {@code _metadata}) of any job. */
    Optional<Path> latestCheckpoint() {
        Path root = folder.resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            return files.filter(path -> path.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(path -> path.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparing(FlinkSessionCluster::modified));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints in " + root, e);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private Path jobJar() {
        Path lib = layout.repository().resolve(JOB_MODULE).resolve("target/lib");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(JOB_MODULE + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(JOB_MODULE + " is not built: no " + JOB_MODULE
                            + "-*.jar in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    private static Path createDirectories(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }
}
