package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.streamcart.localstack.infra.FreePorts;
import dev.streamcart.localstack.process.ManagedProcess;

/**
 * A Spark standalone cluster for {@code ./platform train --cluster}: a Master and a Worker, child JVMs
 * from recommender-spark's jars (what {@code spark-class} runs), on 127.0.0.1 and free ports, with
 * their files under {@code <data>/spark}. The Worker starts executors from {@code $SPARK_HOME/jars};
 * a Spark home whose {@code jars} links to the module's {@code target/lib} stands in for a
 * distribution, so executors run exactly the driver's jars. Training is submitted with
 * {@code spark-submit} in client mode: the driver is the recommender CLI, the work runs on the Worker's
 * executor.
 */
final class SparkStandalone implements AutoCloseable {

    private static final String MODULE = "recommender-spark";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    /** The Worker offers both cores; the executor takes them all and most of the Worker's memory. */
    private static final String WORKER_CORES = "2";
    private static final String WORKER_MEMORY = "2g";
    private static final String EXECUTOR_MEMORY = "1536m";

    private final ServiceLauncher launcher;
    private final PlatformLayout layout;
    private final Path folder;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int masterPort;
    private int masterUiPort;

    private SparkStandalone(ServiceLauncher launcher, PlatformLayout layout) {
        this.launcher = launcher;
        this.layout = layout;
        this.folder = layout.dataDirectory().resolve("spark");
    }

    /** Starts the Master, then the Worker; returns once the Master counts the Worker alive. */
    static SparkStandalone start(ServiceLauncher launcher, PlatformLayout layout, Map<String, String> environment) {
        SparkStandalone cluster = new SparkStandalone(launcher, layout);
        try {
            cluster.startProcesses(environment);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startProcesses(Map<String, String> environment) {
        Path sparkHome = prepareSparkHome();
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("SPARK_HOME", sparkHome.toString());
        // the launcher library that builds executor commands asks for it (there are no build folders)
        variables.put("SPARK_SCALA_VERSION", "2.13");
        // every address Spark picks for itself (driver, executors, block managers) stays on loopback
        variables.put("SPARK_LOCAL_IP", "127.0.0.1");
        variables.put("SPARK_LOCAL_DIRS", createDirectories(folder.resolve("local")).toString());
        launcher.environment(variables);

        masterPort = FreePorts.next();
        masterUiPort = FreePorts.next();
        ManagedProcess master = launcher.start(spec("spark-master", "org.apache.spark.deploy.master.Master", List.of(
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort))),
                Map.of());
        processes.add(master);
        master.awaitReady(START_TIMEOUT, () -> masterState(state -> state.contains("\"ALIVE\"")));
        ManagedProcess worker = launcher.start(spec("spark-worker", "org.apache.spark.deploy.worker.Worker", List.of(
                "--host", "127.0.0.1", "--port", Integer.toString(FreePorts.next()),
                "--webui-port", Integer.toString(FreePorts.next()), "--cores", WORKER_CORES, "--memory", WORKER_MEMORY,
                "--work-dir", createDirectories(folder.resolve("worker")).toString(), masterUrl())), Map.of());
        processes.add(worker);
        worker.awaitReady(START_TIMEOUT, () -> masterState(state -> aliveWorkers(state) >= 1));
    }

    private static ServiceSpec spec(String name, String mainClass, List<String> arguments) {
        List<String> options = new ArrayList<>(ServiceSpec.SPARK_MODULE_OPTIONS);
        // the Master's REST submission server would take the fixed port 6066; client mode does not use it
        options.add("-Dspark.master.rest.enabled=false");
        return new ServiceSpec(name, MODULE, mainClass, "256m", options, arguments);
    }

    /**
     * {@code spark-submit --deploy-mode client} of the recommender CLI with {@code arguments}: the
     * driver runs as this spec's JVM, the training on the cluster.
     */
    ServiceSpec submit(List<String> arguments) {
        List<String> submit = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=" + EXECUTOR_MEMORY, "--conf", "spark.cores.max=" + WORKER_CORES,
                "--conf", "spark.ui.enabled=false",
                "--class", ServiceSpec.RECOMMENDER.mainClass(), moduleJar().toString()));
        submit.addAll(arguments);
        return new ServiceSpec("recommender", MODULE, "org.apache.spark.deploy.SparkSubmit",
                ServiceSpec.RECOMMENDER.heap(), ServiceSpec.RECOMMENDER.jvmOptions(), submit);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The applications the Master finished, from its JSON: proof that the training ran on the cluster. */
    int completedApplications() {
        try {
            String state = get();
            Matcher completed = Pattern.compile("\"completedapps\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(state);
            return completed.find() ? (int) Pattern.compile("\"id\"").matcher(completed.group(1)).results().count() : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Path prepareSparkHome() {
        Path home = createDirectories(folder.resolve("spark-home"));
        Path jars = home.resolve("jars");
        Path lib = layout.repository().resolve(MODULE).resolve("target/lib");
        try {
            if (Files.isSymbolicLink(jars) || Files.exists(jars)) {
                Files.delete(jars);
            }
            Files.createSymbolicLink(jars, lib);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + jars + " to " + lib, e);
        }
    }

    private Path moduleJar() {
        Path lib = layout.repository().resolve(MODULE).resolve("target/lib");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(MODULE + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(MODULE + " is not built: no " + MODULE + "-*.jar in " + lib));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    private boolean masterState(Predicate<String> condition) {
        try {
            return condition.test(get());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String get() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the Spark Master answered " + response.statusCode());
        }
        return response.body();
    }

    static int aliveWorkers(String masterState) {
        Matcher alive = ALIVE_WORKERS.matcher(masterState);
        return alive.find() ? Integer.parseInt(alive.group(1)) : 0;
    }

    private static Path createDirectories(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** Stops the Worker (and with it its executors), then the Master. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ManagedProcess process = processes.get(i);
            List<ProcessHandle> executors = ProcessHandle.of(process.pid()).map(handle -> handle.descendants().toList())
                    .orElse(List.of());
            process.stop(Duration.ofSeconds(15));
            // executors outlive their Worker only if it died without running its own shutdown hook
            executors.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
