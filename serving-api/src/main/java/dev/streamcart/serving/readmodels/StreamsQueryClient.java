package dev.streamcart.serving.readmodels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.serving.health.ComponentHealth;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a Kafka Streams app for one key of its state (interactive queries): {@code GET <path>} on one
 * of its instances, which answers from its own store or forwards once to the instance that owns the
 * key. Answers are plain Avro binary of the schema's record ({@code Accept: avro/binary}), so the
 * event contract in {@code schemas/} is also the query contract.
 *
 * <p>An instance that is down, rebalancing or restoring (503, refused connection, timeout) is
 * skipped for the next one; when none answers, the caller gets a {@link ReadModelUnavailableException}
 * (a retriable 503), never a stale or invented value. Nothing is cached here.
 */
public final class StreamsQueryClient {

    static final String AVRO = "avro/binary";
    private static final Logger LOG = LoggerFactory.getLogger(StreamsQueryClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final QueryEndpoints endpoints;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final AtomicInteger next = new AtomicInteger();

    public StreamsQueryClient(QueryEndpoints endpoints, Duration requestTimeout) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The answer's body, or null when the owner has no value for the key (404). */
    public byte @Nullable [] get(String pathAndQuery) {
        return get(pathAndQuery, requestTimeout);
    }

    /** As {@link #get(String)}, for a request the instance may hold for up to about {@code timeout}. */
    public byte @Nullable [] get(String pathAndQuery, Duration timeout) {
        List<URI> instances = endpoints.instances();
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        String lastFailure = "no instance configured";
        for (int attempt = 0; attempt < instances.size(); attempt++) {
            URI instance = instances.get((first + attempt) % instances.size());
            HttpRequest request = HttpRequest.newBuilder(instance.resolve(pathAndQuery))
                    .header("Accept", AVRO)
                    .timeout(timeout)
                    .GET()
                    .build();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                switch (response.statusCode()) {
                    case 200:
                        return response.body();
                    case 404:
                        return null;
                    case 503:
                        lastFailure = instance + " answered 503: " + text(response.body());
                        continue;
                    default:
                        throw new IllegalStateException(endpoints.app() + " answered " + response.statusCode()
                                + " to GET " + pathAndQuery + ": " + text(response.body()));
                }
            } catch (IOException e) {
                lastFailure = instance + " did not answer: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadModelUnavailableException("interrupted while asking " + endpoints.app());
            }
        }
        // the addresses are for operators (the log), not for the client's problem
        LOG.info("no instance of {} answered GET {}: {}", endpoints.app(), pathAndQuery, lastFailure);
        throw new ReadModelUnavailableException(endpoints.app() + " cannot answer right now (starting, rebalancing "
                + "or down); retry in a second");
    }

    /**
     * UP when an instance answers a query for {@code probePath} (a key that need not exist: a 404
     * proves the instance runs and owns or can reach the key's partition), DOWN otherwise.
     */
    public ComponentHealth probe(String probePath) {
        try {
            get(probePath);
            return ComponentHealth.up(endpoints.app() + " answers queries");
        } catch (ReadModelUnavailableException | IllegalStateException e) {
            // the detail (with internal addresses) goes to the log, not to the public /health
            LOG.debug("health probe of {} failed: {}", endpoints.app(), e.getMessage());
            return ComponentHealth.down(endpoints.app() + " does not answer queries right now");
        }
    }

    public String app() {
        return endpoints.app();
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
