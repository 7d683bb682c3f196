package dev.streamcart.localstack.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.localstack.process.Reaper;

/**
 * ClickHouse from the Debian {@code clickhouse-server} package, run in the foreground with a
 * configuration of our own: 127.0.0.1 only, our ports, data under our folder. The package starts
 * no service of its own, so nothing else is listening.
 */
public final class ClickHouseServer implements AutoCloseable {

    /** Where the Debian package puts the server; overridable for other layouts. */
    public static final String BINARY_PROPERTY = "clickhouse.server-binary";
    private static final List<String> CANDIDATE_BINARIES = List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server");

    private final ManagedProcess process;
    private final int httpPort;
    private final int tcpPort;

    private ClickHouseServer(ManagedProcess process, int httpPort, int tcpPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    public static ClickHouseServer start(Path folder, int httpPort, int tcpPort, Reaper reaper) {
        Objects.requireNonNull(folder, "folder");
        int http = httpPort > 0 ? httpPort : FreePorts.next();
        int tcp = tcpPort > 0 ? tcpPort : FreePorts.next();
        try {
            Path root = Files.createDirectories(folder).toAbsolutePath();
            for (String sub : List.of("data", "tmp", "user_files", "format_schemas", "log")) {
                Files.createDirectories(root.resolve(sub));
            }
            Path config = root.resolve("config.xml");
            Files.writeString(config, resource("clickhouse-config.xml")
                    .replace("${folder}", root.toString())
                    .replace("${httpPort}", Integer.toString(http))
                    .replace("${tcpPort}", Integer.toString(tcp)));
            Files.writeString(root.resolve("users.xml"), resource("clickhouse-users.xml"));
            ManagedProcess process = ManagedProcess.start("clickhouse",
                    List.of(binary(), "--config-file=" + config), Map.of(), root, root.resolve("log/stdout.log"), reaper);
            ClickHouseServer server = new ClickHouseServer(process, http, tcp);
            process.awaitReady(Duration.ofSeconds(60), server::answersPing);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare ClickHouse in " + folder, e);
        }
    }

    /** The server binary, or a clear error naming the package to install. */
    public static String binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null) {
            return configured;
        }
        return CANDIDATE_BINARIES.stream()
                .filter(candidate -> Files.isExecutable(Path.of(candidate)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("clickhouse-server is not installed: run "
                        + "'apt-get install -y clickhouse-server clickhouse-client' (./platform does this for you)"));
    }

    public static boolean isInstalled() {
        return System.getProperty(BINARY_PROPERTY) != null
                || CANDIDATE_BINARIES.stream().anyMatch(candidate -> Files.isExecutable(Path.of(candidate)));
    }

    private boolean answersPing() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(httpUrl() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().startsWith("Ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClickHouseServer.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
