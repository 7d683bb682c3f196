package dev.streamcart.loadgen.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.localstack.launcher.ConsumerLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How far behind PostgreSQL each stage of the pipeline is, once a second: the WAL bytes ingest-cdc's
 * replication slot has not confirmed, and the records each consumer (inventory-streams,
 * order-streams, the Flink job's order source) has not committed yet. Flink commits its offsets with
 * its checkpoints (every 5 s), so its lag reads up to a checkpoint high.
 */
final class StageLagSampler implements AutoCloseable {

    /** One reading: seconds since the sampler started, and each stage's lag (-1 when it could not be read). */
    record Reading(double atSeconds, Map<String, Long> lag) {}

    static final String CDC = "ingest-cdc (WAL bytes)";
    /** Stage name to consumer group. */
    static final Map<String, String> GROUPS = Map.of(
            "inventory-streams", "inventory-streams",
            "order-streams", "order-streams",
            "analytics-flink", "analytics-flink-sales-per-minute");
    static final List<String> STAGES = List.of(CDC, "inventory-streams", "order-streams", "analytics-flink");
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private final String jdbcUrl;
    private final Admin admin;
    private final StopSignal stop = new StopSignal();
    private final Queue<Reading> readings = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final long startedNanos;

    StageLagSampler(String jdbcUrl, String bootstrapServers, long startedNanos) {
        this.jdbcUrl = jdbcUrl;
        this.startedNanos = startedNanos;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
        this.thread = new Thread(this::run, "stage-lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            do {
                Map<String, Long> lag = new LinkedHashMap<>();
                lag.put(CDC, cdcLagBytes(connection));
                GROUPS.forEach((stage, group) -> lag.put(stage, consumerLag(group)));
                readings.add(new Reading((System.nanoTime() - startedNanos) / 1e9, lag));
            } while (stop.sleepNanos(TimeUnit.SECONDS.toNanos(1)));
        } catch (SQLException e) {
            System.out.println("[spike] lag sampler stopped: " + e.getMessage());
        }
    }

    private static long cdcLagBytes(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                        + " FROM pg_replication_slots WHERE slot_type = 'logical'")) {
            return row.next() ? row.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private long consumerLag(String group) {
        try {
            return ConsumerLag.of(admin, group, KAFKA_TIMEOUT).orElse(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    List<Reading> readings() {
        return List.copyOf(readings);
    }

    @Override
    public void close() {
        stop.stop();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close();
    }
}
