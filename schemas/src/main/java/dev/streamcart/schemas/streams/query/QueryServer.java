package dev.streamcart.schemas.streams.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamcart.schemas.metrics.MetricsHandler;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query endpoint of one Kafka Streams instance (127.0.0.1 by default). The socket is bound
 * before Kafka Streams is created, so its real port (0 asks for a free one) can be advertised as
 * {@code application.server}; the routes are attached once the streams instance exists.
 *
 * <p>Answers are asynchronous: a handler thread only routes the request, and the reply is written
 * when it completes (a forward or a read that waits for its value does not hold a thread), on the
 * same small pool.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final int HANDLER_THREADS = 4;

    static {
        // Small answers, often forwarded between instances: Nagle's delay would dominate them (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final HostInfo self;
    private final String name;

    private QueryServer(HttpServer server, ExecutorService executor, String name, String advertisedHost) {
        this.server = server;
        this.executor = executor;
        this.name = name;
        this.self = new HostInfo(advertisedHost, server.getAddress().getPort());
    }

    /**
     * Binds 127.0.0.1:{@code port} ({@code 0}: a free port) without serving yet.
     *
     * @param name names the handler threads and the log lines, e.g. {@code order-queries}
     */
    public static QueryServer bind(int port, String name) {
        return bind(QueryEndpointSettings.loopback(port), name);
    }

    /** Binds where {@code endpoint} says, without serving yet; advertises the address the others reach. */
    public static QueryServer bind(QueryEndpointSettings endpoint, String name) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(name, "name");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(endpoint.bindHost()),
                    endpoint.port()), 0);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
                Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            return new QueryServer(server, executor, name, advertisedHost(endpoint, server));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + name + " port " + endpoint.port() + " on "
                    + endpoint.bindHost(), e);
        }
    }

    private static String advertisedHost(QueryEndpointSettings endpoint, HttpServer server) throws IOException {
        if (endpoint.advertisedHost() != null) {
            return endpoint.advertisedHost();
        }
        // every interface: the others reach this instance at this host's own address
        return endpoint.bindsEveryInterface() ? InetAddress.getLocalHost().getHostAddress()
                : server.getAddress().getAddress().getHostAddress();
    }

    /** {@code host:port} this instance answers on, as advertised to the other instances. */
    public HostInfo self() {
        return self;
    }

    /**
     * Answers {@code routes} from now on, and {@code GET /metrics} with the scrape of {@code metrics}:
     * the instance's one port then serves both, so nothing more has to be allocated or advertised.
     */
    public void start(KafkaStreams streams, List<QueryRoute> routes, ServiceMetrics metrics) {
        server.createContext(MetricsHandler.PATH, new MetricsHandler(metrics));
        start(streams, routes);
        LOG.info("{} serves metrics at http://{}:{}{}", name, self.host(), self.port(), MetricsHandler.PATH);
    }

    /** Answers {@code routes} from now on, from {@code streams}' stores or their owners'. */
    public void start(KafkaStreams streams, List<QueryRoute> routes) {
        List<QueryRoute> served = List.copyOf(routes);
        KeyOwnerRouter router = new KeyOwnerRouter(streams, self);
        server.createContext("/", exchange -> handle(exchange, served, router));
        server.start();
        for (QueryRoute route : served) {
            LOG.info("{} serves GET http://{}:{}{}", name, self.host(), self.port(), route.template());
        }
    }

    private void handle(HttpExchange exchange, List<QueryRoute> routes, KeyOwnerRouter router) {
        CompletableFuture<QueryReply> reply;
        try {
            reply = dispatch(exchange, routes, router);
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed", name, exchange.getRequestURI(), e);
            reply = CompletableFuture.completedFuture(QueryReply.problem(500, "Internal Server Error", e.toString(), null));
        }
        reply.whenCompleteAsync((answer, failure) -> send(exchange,
                answer != null ? answer : QueryReply.problem(500, "Internal Server Error", String.valueOf(failure), null)),
                executor);
    }

    private static CompletableFuture<QueryReply> dispatch(HttpExchange exchange, List<QueryRoute> routes, KeyOwnerRouter router) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return CompletableFuture.completedFuture(QueryReply.problem(405, "Method Not Allowed", "only GET", null));
        }
        String path = exchange.getRequestURI().getRawPath();
        for (QueryRoute route : routes) {
            String id = route.match(path);
            if (id != null) {
                QueryRequest request = QueryRequest.of(path, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Accept"),
                        exchange.getRequestHeaders().getFirst(QueryHeaders.FORWARDED_BY));
                return router.route(route, id, request);
            }
        }
        return CompletableFuture.completedFuture(QueryReply.problem(404, "Not Found", "no route " + path, null));
    }

    private void send(HttpExchange exchange, QueryReply reply) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            @Nullable String servedBy = reply.servedBy();
            if (servedBy != null) {
                exchange.getResponseHeaders().set(QueryHeaders.SERVED_BY, servedBy);
            }
            if (reply.possiblyStale()) {
                exchange.getResponseHeaders().set(QueryHeaders.POSSIBLY_STALE, "true");
            }
            if (reply.status() == 503) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            byte[] body = reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // The caller hung up (its own timeout): nobody is left to tell.
            LOG.debug("{}: could not answer {}", name, exchange.getRequestURI(), e);
        }
    }

    /** Stops answering; waits up to 5 s for the handler threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
