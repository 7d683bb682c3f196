package dev.streamcart.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamcart.localstack.process.Reaper;
import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real HAProxy in front of two small HTTP servers that stand in for API instances: what clients get
 * when one instance dies, and when every instance fails its liveness check while still serving.
 */
class LoadBalancerFallbackTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Backend first = new Backend("first");
    private final Backend second = new Backend("second");
    private LoadBalancer balancer;

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.close();
        }
        first.stop();
        second.stop();
    }

    @Test
    void aDeadInstanceCostsNoRequest() throws Exception {
        balancer = start();
        first.stop();

        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/thing")).as("request %d after one instance died", i).isEqualTo("200 second");
        }
    }

    @Test
    void instancesThatFailTheirChecksButServeAreStillUsed() throws Exception {
        balancer = start();
        first.failChecks();
        second.failChecks();
        // HAProxy marks a server down after three failed checks in a row; one more makes sure it has
        await().atMost(Duration.ofSeconds(30)).until(() -> first.failedChecks() >= 4 && second.failedChecks() >= 4);

        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/thing")).as("request %d with every check failing", i).matches("200 (first|second)");
        }
    }

    private LoadBalancer start() throws IOException {
        Path folder = Folders.emptied(Path.of("target/load-balancer-fallback").toAbsolutePath());
        LoadBalancer started = LoadBalancer.start(folder, FreePorts.next(), List.of(first.port(), second.port()),
                Reaper.forThisJvm(folder), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.checks() > 0 && second.checks() > 0);
        return started;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(balancer.url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** Answers every request with its name; its liveness check can be made to fail. */
    private static final class Backend {

        private final String name;
        private final HttpServer server;
        private final AtomicInteger checks = new AtomicInteger();
        private final AtomicInteger failedChecks = new AtomicInteger();
        private volatile boolean failing;

        Backend(String name) {
            this.name = name;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/health/live", this::check);
            server.createContext("/", exchange -> answer(exchange, 200, name));
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void failChecks() {
            failing = true;
        }

        int checks() {
            return checks.get();
        }

        int failedChecks() {
            return failedChecks.get();
        }

        void stop() {
            server.stop(0);
        }

        private void check(HttpExchange exchange) throws IOException {
            checks.incrementAndGet();
            if (failing) {
                failedChecks.incrementAndGet();
                answer(exchange, 503, "not live");
            } else {
                answer(exchange, 200, "live");
            }
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
