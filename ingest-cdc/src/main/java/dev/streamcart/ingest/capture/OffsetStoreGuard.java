package dev.streamcart.ingest.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored offsets and the replication slot consistent before the engine starts. Offsets
 * are only meaningful for the slot and the database they were taken from: offsets of another
 * database (a reset data folder, a restored backup) point at WAL positions that never come, and
 * the engine would silently deliver nothing. So offsets are used only when the slot exists in
 * the same database cluster; otherwise both are dropped and the connector takes a fresh
 * snapshot on a fresh slot (consumers ignore what they have already seen).
 */
public final class OffsetStoreGuard {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetStoreGuard.class);

    private final Path offsetsFile;
    private final Path sourceFile;
    private final String slotName;

    public OffsetStoreGuard(Path offsetsFile, Path sourceFile, String slotName) {
        this.offsetsFile = Objects.requireNonNull(offsetsFile, "offsetsFile");
        this.sourceFile = Objects.requireNonNull(sourceFile, "sourceFile");
        this.slotName = Objects.requireNonNull(slotName, "slotName");
    }

    /** Drops whatever does not belong together, then records which database the offsets are for. */
    public void reconcile(Connection connection) throws SQLException, IOException {
        String source = databaseIdentity(connection);
        boolean slotExists = slotExists(connection);
        boolean offsetsExist = Files.exists(offsetsFile);
        String recordedSource = offsetsExist && Files.exists(sourceFile)
                ? Files.readString(sourceFile, StandardCharsets.UTF_8).trim() : null;
        boolean offsetsValid = offsetsExist && slotExists && source.equals(recordedSource);

        if (offsetsExist && !offsetsValid) {
            LOG.warn("stored CDC offsets do not belong to replication slot '{}' of database {} (slot exists: {},"
                    + " offsets taken from: {}); discarding them and taking a new snapshot", slotName, source,
                    slotExists, recordedSource);
            Files.delete(offsetsFile);
        }
        if (!offsetsValid && slotExists) {
            LOG.warn("replication slot '{}' exists without offsets; dropping it so the new snapshot and the slot"
                    + " start at the same WAL position", slotName);
            dropSlot(connection);
        }
        Files.createDirectories(Objects.requireNonNull(sourceFile.toAbsolutePath().getParent()));
        Path temporary = sourceFile.resolveSibling(sourceFile.getFileName() + ".tmp");
        Files.writeString(temporary, source + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, sourceFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The cluster's system identifier (unique per initdb) and the database name. */
    static String databaseIdentity(Connection connection) throws SQLException {
        String database = queryString(connection, "SELECT current_database()");
        String systemId = null;
        try {
            systemId = queryString(connection, "SELECT system_identifier::text FROM pg_control_system()");
        } catch (SQLException e) {
            // Roles without access to pg_control_system() still get the slot check.
            LOG.debug("cannot read the cluster's system identifier: {}", e.getMessage());
        }
        return (systemId == null ? "unknown-cluster" : systemId) + "/" + database;
    }

    private boolean slotExists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
            statement.setString(1, slotName);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private void dropSlot(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
            statement.setString(1, slotName);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    throw new IllegalStateException("replication slot '" + slotName + "' is in use by process "
                            + result.getInt(1) + ": is another ingest-cdc running?");
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            statement.setString(1, slotName);
            statement.execute();
        }
    }

    private static @Nullable String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
