package dev.streamcart.recommender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.localstack.infra.ParentBoundCommand;
import org.awaitility.Awaitility;

/**
 * A real Spark standalone cluster of one Master and one Worker, each a child JVM started from the
 * module's {@code target/lib} (the same jars {@code spark-class} would run), bound to 127.0.0.1 on
 * free ports, with its files under {@code folder}. The Worker launches executors from
 * {@code $SPARK_HOME/jars}: a Spark home whose {@code jars} links to {@code target/lib} stands in
 * for a distribution. Closing it (or the JVM's shutdown hook, if the test JVM is stopped) ends
 * every child and its descendants (the executors).
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path folder;
    private final Path lib;
    private final Path sparkHome;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-cleanup");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int masterPort;
    private int masterUiPort;

    StandaloneCluster(Path lib, Path folder) throws IOException {
        this.lib = lib.toAbsolutePath();
        this.folder = folder.toAbsolutePath();
        this.sparkHome = this.folder.resolve("spark-home");
        Files.createDirectories(sparkHome);
        Files.createSymbolicLink(sparkHome.resolve("jars"), this.lib);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path workerFolder() {
        return folder.resolve("worker");
    }

    /** Starts the Master, then the Worker, and waits until the Master reports the Worker alive. */
    StandaloneCluster start() throws IOException {
        masterPort = freePort();
        masterUiPort = freePort();
        spawn("master", List.of("-Xmx256m", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
        awaitMaster(json -> "ALIVE".equals(json.path("status").asText()), "the Master to be ALIVE");
        Files.createDirectories(workerFolder());
        spawn("worker", List.of("-Xmx256m", "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                "--cores", "2", "--memory", "1g", "--work-dir", workerFolder().toString(), masterUrl()));
        awaitMaster(json -> json.path("aliveworkers").asInt() == 1, "the Worker to register with the Master");
        return this;
    }

    /** The Master's own view (its web UI's JSON): workers, active and completed applications. */
    JsonNode masterState() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Master answered " + response.statusCode());
        }
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * Runs {@code java -cp target/lib/* <mainAndArgs>} in the cluster's environment and waits for it.
     *
     * @return its exit code; its output is in {@code <name>.log} under the folder
     */
    int run(String name, List<String> jvmAndMain, Duration timeout) throws IOException, InterruptedException {
        Process process = spawn(name, jvmAndMain);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(process);
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log(name));
        }
        return process.exitValue();
    }

    Path log(String name) {
        return folder.resolve(name + ".log");
    }

    private Process spawn(String name, List<String> jvmAndMain) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(lib + "/*");
        command.addAll(jvmAndMain);
        // under a watchdog: a test JVM killed with SIGKILL leaves no Master or Worker behind
        ProcessBuilder builder = new ProcessBuilder(ParentBoundCommand.of("spark-" + name, command))
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        // the launcher library that builds executor commands asks for it (no build directories here)
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        // every address Spark picks for itself (driver, executors, block managers) stays on loopback
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_DIRS", folder.resolve("local").toString());
        Process process = builder.start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    private void awaitMaster(Predicate<JsonNode> condition, String what) {
        Awaitility.await(what).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    synchronized (processes) {
                        for (Process process : processes) {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("a cluster process exited (" + process.exitValue()
                                        + ") while waiting for " + what + "; logs in " + folder);
                            }
                        }
                    }
                    return condition.test(masterState());
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // executors the Worker started outlive it only if it died without its own shutdown hook
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private void stopAll() {
        List<Process> running;
        synchronized (processes) {
            running = new ArrayList<>(processes);
            processes.clear();
        }
        // the Worker before the Master, the reverse of starting
        for (int i = running.size() - 1; i >= 0; i--) {
            stop(running.get(i));
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: nothing left to do
        }
    }

    static void requireDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException(path + " is missing: run 'mvn package' first"));
        }
    }
}
