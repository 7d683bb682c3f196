package dev.streamcart.ingest.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code streamcart_cdc_slot_lag_bytes}: WAL bytes between PostgreSQL's current position and what
 * the replication slot confirmed, i.e. what the capture has not yet handed to Kafka and committed
 * (and what PostgreSQL must keep on disk for it). Asked of PostgreSQL at each scrape over a short
 * connection with tight timeouts; NaN when it cannot answer or the slot does not exist yet.
 * {@code ./platform verify} reports the same figure.
 */
public final class SlotLagGauge {

    private static final Logger LOG = LoggerFactory.getLogger(SlotLagGauge.class);

    private final String jdbcUrl;
    private final Properties connection;
    private final String slot;

    private SlotLagGauge(String jdbcUrl, Properties connection, String slot) {
        this.jdbcUrl = jdbcUrl;
        this.connection = connection;
        this.slot = slot;
    }

    public static void register(MeterRegistry registry, String jdbcUrl, String user, String password, String slot) {
        Properties properties = new Properties();
        properties.setProperty("user", Objects.requireNonNull(user, "user"));
        properties.setProperty("password", Objects.requireNonNull(password, "password"));
        // a scrape must not hang on a database that does not answer
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "3");
        properties.setProperty("ApplicationName", "ingest-cdc metrics");
        SlotLagGauge gauge = new SlotLagGauge(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), properties,
                Objects.requireNonNull(slot, "slot"));
        Gauge.builder("streamcart.cdc.slot.lag", gauge, SlotLagGauge::bytesBehind)
                .description("WAL bytes the replication slot has not confirmed")
                .baseUnit("bytes")
                .tag("slot", slot)
                // nothing else holds the gauge's object, and Micrometer keeps only a weak reference by
                // default: after a garbage collection the figure was NaN for good
                .strongReference(true)
                .register(registry);
    }

    private double bytesBehind() {
        try (Connection db = DriverManager.getConnection(jdbcUrl, connection);
             PreparedStatement select = db.prepareStatement("""
                     SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)
                     FROM pg_replication_slots WHERE slot_name = ?""")) {
            select.setString(1, slot);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getObject(1) != null ? row.getDouble(1) : Double.NaN;
            }
        } catch (SQLException e) {
            LOG.debug("cannot read the lag of slot {}: {}", slot, e.getMessage());
            return Double.NaN;
        }
    }
}
