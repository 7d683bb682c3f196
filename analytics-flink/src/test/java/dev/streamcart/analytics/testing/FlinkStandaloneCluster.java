package dev.streamcart.analytics.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.streamcart.localstack.infra.FreePorts;
import dev.streamcart.localstack.infra.ParentBoundCommand;

/**
 * A real standalone Flink session cluster, as {@code bin/start-cluster.sh} runs one: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}) as
 * child JVMs bound to 127.0.0.1, and {@code flink run} ({@code CliFrontend}) to submit a jar.
 *
 * <p>flink-dist is not on Maven Central, but its entry points live in flink-runtime and
 * flink-clients: the "distribution" here is this module's runtime classpath without the
 * application's own jars (the job, its connector, Kafka, Avro, ClickHouse), so whatever the job
 * needs must come from the submitted jar, as on a real cluster. Each JVM runs under a shell
 * watchdog ({@link ParentBoundCommand}) that stops it when this JVM dies, even by SIGKILL.
 */
public final class FlinkStandaloneCluster implements AutoCloseable {

    // what Flink's config.yaml passes to every JVM (env.java.opts.all) for Java 17
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final Pattern APPLICATION_JARS =
            Pattern.compile("(analytics-flink|schemas|flink-connector-kafka|kafka-clients|avro|client-v2|clickhouse-).*\\.jar");
    private static final Pattern SUBMITTED = Pattern.compile("STREAMCART SUBMITTED \\S+ ([0-9a-f]{32})");

    private final Path folder;
    private final String classpath;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread cleanup = new Thread(this::stopAll, "flink-cluster-cleanup");

    private FlinkStandaloneCluster(Path folder, String classpath, int restPort) {
        this.folder = folder;
        this.classpath = classpath;
        this.restPort = restPort;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts a JobManager and one TaskManager with two slots; returns once the TaskManager registered. */
    public static FlinkStandaloneCluster start(Path folder, Path lib) throws IOException {
        String classpath;
        try (Stream<Path> jars = Files.list(lib)) {
            classpath = String.join(":", jars.filter(jar -> !APPLICATION_JARS.matcher(jar.getFileName().toString()).matches())
                    .map(Path::toString).sorted().toList());
        }
        int restPort = FreePorts.next();
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Files.createDirectories(folder.resolve("tmp"));
        Files.writeString(conf.resolve("config.yaml"), """
                jobmanager.rpc.address: 127.0.0.1
                jobmanager.rpc.port: %d
                jobmanager.bind-host: 127.0.0.1
                jobmanager.memory.process.size: 600m
                rest.address: 127.0.0.1
                rest.bind-address: 127.0.0.1
                rest.port: %d
                taskmanager.host: 127.0.0.1
                taskmanager.bind-host: 127.0.0.1
                taskmanager.rpc.port: %d
                taskmanager.data.port: %d
                taskmanager.numberOfTaskSlots: 2
                taskmanager.cpu.cores: 2
                taskmanager.memory.framework.heap.size: 64m
                taskmanager.memory.task.heap.size: 320m
                taskmanager.memory.managed.size: 64m
                taskmanager.memory.framework.off-heap.size: 64m
                taskmanager.memory.task.off-heap.size: 0m
                taskmanager.memory.network.min: 64m
                taskmanager.memory.network.max: 64m
                taskmanager.memory.jvm-metaspace.size: 192m
                taskmanager.memory.jvm-overhead.min: 128m
                taskmanager.memory.jvm-overhead.max: 128m
                io.tmp.dirs: %s
                web.tmpdir: %s
                blob.storage.directory: %s
                """.formatted(FreePorts.next(), restPort, FreePorts.next(), FreePorts.next(), folder.resolve("tmp"),
                folder.resolve("tmp"), folder.resolve("tmp")), StandardCharsets.UTF_8);
        FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(folder, classpath, restPort);
        try {
            cluster.launch("jobmanager", "-Xmx320m", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    List.of("--configDir", conf.toString()), Map.of());
            cluster.launch("taskmanager", "-Xmx400m", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                    List.of("--configDir", conf.toString()), Map.of());
            await("a TaskManager registered with the JobManager").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> cluster.get("/overview").contains("\"taskmanagers\":1"));
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * {@code flink run -d -c mainClass jar} with {@code settings} as the client's system properties
     * (the job reads its configuration where it is submitted); returns the job id it printed.
     */
    public String submit(Path jar, String mainClass, Map<String, String> settings) throws IOException, InterruptedException {
        List<String> arguments = List.of("run", "-d", "-c", mainClass, jar.toAbsolutePath().toString());
        Process client = launch("flink-run", "-Xmx256m", "org.apache.flink.client.cli.CliFrontend", arguments,
                settings);
        if (!client.waitFor(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("flink run did not finish within 3 minutes:\n" + log("flink-run"));
        }
        String output = log("flink-run");
        Matcher submitted = SUBMITTED.matcher(output);
        if (client.exitValue() != 0 || !submitted.find()) {
            throw new IllegalStateException("flink run failed with " + client.exitValue() + ":\n" + output);
        }
        return submitted.group(1);
    }

    /** The job's state on the cluster (CREATED, RUNNING, FAILED, ...), from the REST API. */
    public String jobState(String jobId) throws IOException, InterruptedException {
        Matcher state = Pattern.compile("\"state\":\"([A-Z_]+)\"").matcher(get("/jobs/" + jobId));
        return state.find() ? state.group(1) : "UNKNOWN";
    }

    /** The job's exception history (REST {@code /jobs/<id>/exceptions}); empty entries when it never failed. */
    public String jobExceptions(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions");
    }

    public String log(String name) throws IOException {
        Path log = folder.resolve("logs").resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private Process launch(String name, String heap, String mainClass, List<String> arguments,
                           Map<String, String> properties) throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-Djava.io.tmpdir=" + folder.resolve("tmp")));
        java.addAll(JAVA_17_OPENS);
        properties.forEach((key, value) -> java.add("-D" + key + "=" + value));
        java.addAll(List.of("-cp", classpath, mainClass));
        java.addAll(arguments);
        List<String> command = ParentBoundCommand.of("flink-" + name, java);
        Path logs = Files.createDirectories(folder.resolve("logs"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().put("FLINK_CONF_DIR", folder.resolve("conf").toString());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void stopAll() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
