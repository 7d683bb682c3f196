package dev.streamcart.serving.readmodels;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.schemas.streams.query.QueryHeaders;
import dev.streamcart.serving.health.ComponentHealth;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
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
 * skipped for the next one. When none answers, the instances are asked again every 100 ms for up to a
 * second: a failover moves a key's partition within that (a standby takes over, a task restarts after
 * an aborted transaction), and the storefront should not see it. After that the caller gets a
 * {@link ReadModelUnavailableException} (a retriable 503), never an invented value. Nothing is
 * cached here. An answer an instance read from its standby copy, because the key's owner had just
 * died, is marked {@code X-Possibly-Stale}; it is counted in {@link PossiblyStaleReads} so the API's
 * own answer carries the mark too.
 *
 * <p>Requests go through a pool of kept-alive connections on the calling thread (Apache HttpClient's
 * blocking client): a query is one write and one read on a warm socket, without the hand-offs to
 * selector and executor threads of the JDK's client, which cost more than the query itself.
 */
public final class StreamsQueryClient implements AutoCloseable {

    static final String AVRO = QueryHeaders.AVRO_BINARY;
    private static final Logger LOG = LoggerFactory.getLogger(StreamsQueryClient.class);
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(1);
    /** Connections per instance: more than the API's request threads ever ask of one instance at once. */
    private static final int CONNECTIONS_PER_INSTANCE = 256;
    /** A pooled connection idle this long is checked before reuse (the instance may have restarted). */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

    /** How long unanswered queries are asked again before the caller is told to retry. */
    private static final Duration UNAVAILABLE_PATIENCE = Duration.ofSeconds(1);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    /** One HTTP hop to the instance that owns the key: a slower answer is an outage, not a read. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private record Answer(int status, byte[] body, boolean possiblyStale) {}

    private final QueryEndpoints endpoints;
    private final Duration requestTimeout;
    private final CloseableHttpClient http;
    private final AtomicInteger next = new AtomicInteger();

    public StreamsQueryClient(QueryEndpoints endpoints, Duration requestTimeout) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(CONNECTIONS_PER_INSTANCE)
                .setMaxConnTotal(CONNECTIONS_PER_INSTANCE * Math.max(1, endpoints.instances().size()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT)
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                // a failed query goes to the next instance here, not again to the same one
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();
    }

    /** The answer's body, or null when the owner has no value for the key (404). */
    public byte @Nullable [] get(String pathAndQuery) {
        return get(pathAndQuery, requestTimeout);
    }

    /** As {@link #get(String)}, for a request the instance may hold for up to about {@code timeout}. */
    public byte @Nullable [] get(String pathAndQuery, Duration timeout) {
        long giveUpAt = System.nanoTime() + UNAVAILABLE_PATIENCE.toNanos();
        while (true) {
            Round round = askEveryInstance(pathAndQuery, timeout);
            if (round.answered()) {
                return round.body();
            }
            if (System.nanoTime() + RETRY_PAUSE.toNanos() > giveUpAt || !pause()) {
                // the addresses are for operators (the log), not for the client's problem
                LOG.info("no instance of {} answered GET {}: {}", endpoints.app(), pathAndQuery, round.lastFailure());
                throw new ReadModelUnavailableException(endpoints.app() + " cannot answer right now (starting, "
                        + "rebalancing or down); retry in a second");
            }
        }
    }

    /** One pass over the instances: an answer (a body, or null for 404), or why none answered. */
    private record Round(boolean answered, byte @Nullable [] body, String lastFailure) {}

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Round askEveryInstance(String pathAndQuery, Duration timeout) {
        List<URI> instances = endpoints.instances();
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        String lastFailure = "no instance configured";
        for (int attempt = 0; attempt < instances.size(); attempt++) {
            URI instance = instances.get((first + attempt) % instances.size());
            HttpGet request = new HttpGet(instance.resolve(pathAndQuery));
            request.setHeader("Accept", AVRO);
            request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
            try {
                Answer answer = http.execute(request,
                        response -> new Answer(response.getCode(),
                                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()),
                                response.containsHeader(QueryHeaders.POSSIBLY_STALE)
                                        && Boolean.parseBoolean(response.getFirstHeader(QueryHeaders.POSSIBLY_STALE).getValue())));
                switch (answer.status()) {
                    case 200:
                        if (answer.possiblyStale()) {
                            PossiblyStaleReads.noteOne();
                        }
                        return new Round(true, answer.body(), "");
                    case 404:
                        return new Round(true, null, "");
                    case 503:
                        lastFailure = instance + " answered 503: " + text(answer.body());
                        continue;
                    default:
                        throw new IllegalStateException(endpoints.app() + " answered " + answer.status()
                                + " to GET " + pathAndQuery + ": " + text(answer.body()));
                }
            } catch (IOException e) {
                lastFailure = instance + " did not answer: " + e;
            }
        }
        return new Round(false, null, lastFailure);
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

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
