package dev.streamcart.localstack.launcher.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.streamcart.localstack.launcher.ConsumerLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/** How far behind PostgreSQL the derived views are: WAL not yet captured, records not yet consumed. */
final class PlatformLag {

    /** The replication slot of ingest-cdc. */
    static final String CDC_SLOT = "streamcart_cdc";
    /** The consumer groups (application ids) of the Kafka Streams apps that build read models. */
    static final List<String> STREAM_GROUPS = List.of("inventory-streams", "order-streams");

    private PlatformLag() {}

    /** WAL bytes the CDC slot has not confirmed yet, or null when there is no slot. */
    static @Nullable Long cdcLagBytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
                        + "FROM pg_replication_slots WHERE slot_name = '" + CDC_SLOT + "'")) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /** Records the Streams apps have not consumed yet over their input partitions, or null when Kafka does not answer. */
    static @Nullable Long streamLagRecords(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            long lag = 0;
            for (String group : STREAM_GROUPS) {
                lag += ConsumerLag.of(admin, group, Duration.ofSeconds(5)).orElse(0);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
