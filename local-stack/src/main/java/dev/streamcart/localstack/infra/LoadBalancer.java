package dev.streamcart.localstack.infra;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.localstack.process.Reaper;

/**
 * HAProxy from Debian's package in front of the serving-api instances, on 127.0.0.1. It checks each
 * instance's {@code /health/live} every second and stops sending to one that fails three checks in a
 * row; a request whose connection is refused or dropped before an answer is sent again to another
 * instance. Each instance is also listed once more, unchecked, as a backup: when every checked server
 * is marked down, which on a busy machine happens to live instances whose checks answer late, requests
 * still go to whichever instance accepts them instead of being refused outright. What it cannot place
 * is answered 503 with {@code Retry-After} as problem+json, like the API's own refusals, so a client
 * sees one retriable error whichever part failed.
 */
public final class LoadBalancer implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/haproxy";

    private final ManagedProcess process;
    private final int port;

    private LoadBalancer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts HAProxy on {@code port} for {@code backendPorts}; waits until it answers {@code /health}. */
    public static LoadBalancer start(Path folder, int port, List<Integer> backendPorts, Reaper reaper, Duration timeout) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException("HAProxy is not installed: run 'apt-get install -y haproxy' (./platform does this for you)");
        }
        try {
            Path root = Files.createDirectories(folder).toAbsolutePath();
            Path unavailable = root.resolve("503.http");
            Files.writeString(unavailable, unavailableAnswer(), StandardCharsets.ISO_8859_1);
            Path config = root.resolve("haproxy.cfg");
            Files.writeString(config, configuration(port, backendPorts, unavailable), StandardCharsets.UTF_8);
            ManagedProcess process = ManagedProcess.start("haproxy", List.of(BINARY, "-db", "-f", config.toString()),
                    Map.of(), root, root.resolve("haproxy.log"), reaper);
            LoadBalancer balancer = new LoadBalancer(process, port);
            process.awaitReady(timeout, balancer::answersHealth);
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare HAProxy in " + folder, e);
        }
    }

    static String configuration(int port, List<Integer> backendPorts, Path unavailableAnswer) {
        StringBuilder text = new StringBuilder();
        text.append("""
                global
                    maxconn 4096

                defaults
                    mode http
                    timeout connect 1s
                    timeout client 60s
                    # an inactivity bound: a dashboard stream sends every second, so it stays open
                    timeout server 60s
                    timeout http-request 10s
                    # a refused or dropped connection is tried once more, on another instance
                    retries 1
                    option redispatch 1
                    retry-on conn-failure empty-response
                    option http-buffer-request
                    errorfile 502 %1$s
                    errorfile 503 %1$s
                    errorfile 504 %1$s

                frontend api
                    bind 127.0.0.1:%2$d
                    default_backend serving-api

                backend serving-api
                    balance roundrobin
                    option httpchk GET /health/live
                    http-check expect status 200
                    # a live instance under load can answer its check late: give it 3 s, and three misses
                    timeout check 3s
                    default-server inter 1s fall 3 rise 2
                    # when every checked server is down, use every backup, not only the first
                    option allbackups
                """.formatted(unavailableAnswer, port));
        for (int i = 0; i < backendPorts.size(); i++) {
            text.append("    server serving-api-").append(i + 1).append(" 127.0.0.1:").append(backendPorts.get(i)).append(" check\n");
        }
        // unchecked, so never marked down: the last resort when the checks have marked every instance down
        for (int i = 0; i < backendPorts.size(); i++) {
            text.append("    server serving-api-").append(i + 1).append("-backup 127.0.0.1:").append(backendPorts.get(i)).append(" backup\n");
        }
        return text.toString();
    }

    private static String unavailableAnswer() {
        String body = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"no API instance could answer this request right now; try again\"}";
        return "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: application/problem+json\r\n"
                + "Retry-After: 1\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n"
                + body;
    }

    private boolean answersHealth() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
