package dev.streamcart.inventory.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query endpoint of one inventory-streams instance: {@code GET /stock/{productId}}
 * on 127.0.0.1. The socket is bound before Kafka Streams is created, so the real port (0 asks for a
 * free one) can be advertised as {@code application.server}; the handler is attached once the
 * streams instance exists.
 */
public final class StockQueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StockQueryServer.class);
    private static final String PATH = "/stock/";
    private static final int HANDLER_THREADS = 4;

    static {
        // Small JSON answers, often forwarded between instances: Nagle's delay would dominate them.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final HostInfo self;

    private StockQueryServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.self = new HostInfo(server.getAddress().getAddress().getHostAddress(), server.getAddress().getPort());
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0}: a free port) without serving yet. */
    public static StockQueryServer bind(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            AtomicInteger threads = new AtomicInteger();
            // Handlers forward to the other instance and wait: they must not block the dispatcher thread.
            ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
                Thread thread = new Thread(runnable, "stock-query-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            return new StockQueryServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the stock query port " + port + " on 127.0.0.1", e);
        }
    }

    /** {@code host:port} this instance answers on, as advertised to the other instances. */
    public HostInfo self() {
        return self;
    }

    /** Serves {@code lookup}'s answers from now on. */
    public void start(StockLookup lookup) {
        Objects.requireNonNull(lookup, "lookup");
        server.createContext(PATH, exchange -> handle(exchange, lookup));
        server.start();
        LOG.info("stock queries served on http://{}:{}{}{{productId}}", self.host(), self.port(), PATH);
    }

    private static void handle(HttpExchange exchange, StockLookup lookup) throws IOException {
        try (exchange) {
            StockLookup.Reply reply;
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply = StockLookup.Reply.text(405, "only GET");
            } else {
                String id = exchange.getRequestURI().getPath().substring(PATH.length());
                boolean forwarded = exchange.getRequestHeaders().containsKey(StockLookup.FORWARDED_HEADER);
                reply = lookup.find(id, forwarded);
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.servedBy() != null) {
                exchange.getResponseHeaders().set(StockLookup.SERVED_BY_HEADER, reply.servedBy());
            }
            if (reply.status() == 503) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("stock query {} failed", exchange.getRequestURI(), e);
            throw e;
        }
    }

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
