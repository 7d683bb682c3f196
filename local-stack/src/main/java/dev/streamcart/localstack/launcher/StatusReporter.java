package dev.streamcart.localstack.launcher;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * The compact live status line of {@code ./platform up}. Where a service's {@code /metrics} answers,
 * the figures come from it: orders per second from serving-api's
 * {@code streamcart_checkout_outcomes_total{outcome="placed"}} (summed over the API instances), CDC lag
 * from ingest-cdc's {@code streamcart_cdc_lag_seconds_max} (commit to Kafka) and
 * {@code streamcart_cdc_slot_lag_bytes} (WAL the slot has not confirmed). Where it does not (a service
 * restarting), PostgreSQL answers instead: orders counted in the table, the slot's lag from
 * {@code pg_replication_slots}. The order totals are always PostgreSQL's (a counter restarts with its
 * process), and stream lag is the records the Kafka Streams groups have not committed yet.
 */
final class StatusReporter implements AutoCloseable {

    private static final List<String> STREAM_GROUPS = List.of("inventory-streams", "order-streams");
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration METRICS_TIMEOUT = Duration.ofSeconds(1);

    private final DataSource postgres;
    private final Admin admin;
    private final Platform platform;
    private final Instant started = Instant.now();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(METRICS_TIMEOUT).build();
    private long lastOrders = -1;
    private double lastPlaced = -1;
    private Instant lastSample = Instant.now();
    private boolean closed;

    StatusReporter(Platform platform) {
        this.platform = platform;
        this.postgres = platform.postgres().dataSource();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.endpoints().bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
    }

    /** The status line, or null once the platform is stopping. */
    synchronized @Nullable String line() {
        if (closed) {
            return null;
        }
        Instant now = Instant.now();
        List<PrometheusScrape> apis = scrapes("serving-api");
        List<PrometheusScrape> captures = scrapes("ingest-cdc");
        OptionalDouble placed = total(apis, "streamcart_checkout_outcomes_total", Map.of("outcome", "placed"));
        OptionalDouble slotBytes = largest(captures, "streamcart_cdc_slot_lag_bytes");
        OptionalDouble commitToKafka = largest(captures, "streamcart_cdc_lag_seconds_max");
        String database;
        try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
            long orders = single(statement, "SELECT count(*) FROM orders");
            long paid = single(statement, "SELECT count(*) FROM orders WHERE status NOT IN ('PENDING_PAYMENT','PAYMENT_FAILED','CANCELLED')");
            long walBehind = slotBytes.isPresent() ? (long) slotBytes.getAsDouble() : single(statement,
                    "SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)), 0)::bigint "
                    + "FROM pg_replication_slots WHERE slot_name = 'streamcart_cdc'");
            double seconds = Math.max(0.001, Duration.between(lastSample, now).toMillis() / 1000.0);
            // every API instance answered: the placed-orders counters; else the table (a restarted counter
            // would read as a drop)
            double rate;
            if (placed.isPresent() && apis.size() == apiInstances()) {
                rate = lastPlaced < 0 ? 0 : Math.max(0, placed.getAsDouble() - lastPlaced) / seconds;
                lastPlaced = placed.getAsDouble();
            } else {
                rate = lastOrders < 0 ? 0 : (orders - lastOrders) / seconds;
                lastPlaced = -1;
            }
            lastOrders = orders;
            lastSample = now;
            database = String.format("orders/s %5.1f | orders %d (paid %d) | CDC lag %s%s", rate, orders, paid,
                    commitToKafka.isPresent() ? String.format("%.0f ms, ", commitToKafka.getAsDouble() * 1000) : "",
                    bytes(walBehind));
        } catch (SQLException e) {
            database = "postgres: " + e.getMessage();
        }
        return String.format("[%s] %s | stream lag %s | services %d/%d up", elapsed(now), database, streamLag(),
                platform.servicesUp(), platform.servicesTotal());
    }

    /** The scrapes of every instance of {@code service} that answered. */
    private List<PrometheusScrape> scrapes(String service) {
        List<PrometheusScrape> scrapes = new ArrayList<>();
        platform.metricsUrls().forEach((instance, url) -> {
            if (instance.equals(service) || instance.startsWith(service + "-")) {
                PrometheusScrape.fetch(http, url, METRICS_TIMEOUT).ifPresent(scrapes::add);
            }
        });
        return scrapes;
    }

    private long apiInstances() {
        return platform.metricsUrls().keySet().stream()
                .filter(name -> name.equals("serving-api") || name.startsWith("serving-api-")).count();
    }

    private static OptionalDouble total(List<PrometheusScrape> scrapes, String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (PrometheusScrape scrape : scrapes) {
            OptionalDouble value = scrape.sum(name, labels);
            if (value.isPresent()) {
                sum += value.getAsDouble();
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static OptionalDouble largest(List<PrometheusScrape> scrapes, String name) {
        return scrapes.stream().map(scrape -> scrape.max(name)).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max();
    }

    private String streamLag() {
        try {
            long lag = 0;
            for (String group : STREAM_GROUPS) {
                lag += ConsumerLag.of(admin, group, KAFKA_TIMEOUT).orElse(0);
            }
            return lag + " msgs";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        } catch (ExecutionException | TimeoutException e) {
            return "?";
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String bytes(long value) {
        return value < 1024 ? value + " B" : String.format("%.1f KB", value / 1024.0);
    }

    private String elapsed(Instant now) {
        long seconds = Duration.between(started, now).toSeconds();
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            admin.close(Duration.ofSeconds(2));
        }
    }
}
