package dev.streamcart.schemas.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server that serves only {@code GET /metrics}, for a service whose own port is public
 * (serving-api) or that has none (ingest-cdc). One handler thread: a scrape every few seconds is all
 * it answers.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds where {@code settings} say and serves {@code metrics} from now on. */
    public static MetricsServer start(MetricsSettings settings, ServiceMetrics metrics, String serviceName) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the metrics port " + settings.port() + " on " + settings.host(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, serviceName + "-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(MetricsHandler.PATH, new MetricsHandler(metrics));
        server.start();
        MetricsServer started = new MetricsServer(server, executor);
        LOG.info("{} serves metrics at {}", serviceName, started.url());
        return started;
    }

    /** The port it listens on (the real one when configured with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port/metrics}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + MetricsHandler.PATH;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
