package dev.streamcart.schemas.clickhouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database up to the newest schema: creates the database when missing, then
 * applies, in version order, every migration not yet listed in its {@code schema_migrations} table,
 * and records each one after its statements succeeded.
 *
 * <p>ClickHouse has no transactional DDL, so a migration interrupted half-way is re-run in full on
 * the next start: scripts use {@code IF NOT EXISTS} / {@code IF EXISTS} where ClickHouse 18.16 has
 * them (CREATE, DROP; not {@code ADD COLUMN}), so that re-running them is harmless, and keep one
 * non-idempotent statement per version otherwise. Scripts write {@code ${database}.} before every table name; the migrator substitutes the
 * configured database. A script edited after it was applied is refused (its checksum no longer matches); write
 * a new version instead.
 */
public final class ClickHouseMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrator.class);

    static final String HISTORY_TABLE = "schema_migrations";

    private final ClickHouseSettings settings;

    public ClickHouseMigrator(ClickHouseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What a run did. */
    public record Outcome(List<Integer> applied, List<Integer> alreadyApplied) {}

    public Outcome migrate(List<Migration> migrations) {
        try (ClickHouseClient database = ClickHouseClient.open(settings)) {
            database.execute("CREATE DATABASE IF NOT EXISTS " + settings.database());
            database.execute("CREATE TABLE IF NOT EXISTS " + database.qualified(HISTORY_TABLE) + " ("
                    + "version UInt32, description String, checksum String, applied_at DateTime"
                    + ") ENGINE = MergeTree ORDER BY version");
            Map<Integer, String> checksums = appliedChecksums(database);
            List<Integer> applied = new ArrayList<>();
            List<Integer> alreadyApplied = new ArrayList<>();
            for (Migration migration : migrations) {
                String recorded = checksums.get(migration.version());
                if (recorded != null) {
                    if (!recorded.equals(migration.checksum())) {
                        throw new ClickHouseException("ClickHouse migration V" + migration.version() + "__"
                                + migration.description() + " was changed after it was applied; add a new version instead");
                    }
                    alreadyApplied.add(migration.version());
                    continue;
                }
                LOG.info("applying ClickHouse migration V{}__{}", migration.version(), migration.description());
                for (String statement : migration.statements(settings.database())) {
                    database.execute(statement);
                }
                database.execute("INSERT INTO " + database.qualified(HISTORY_TABLE) + " (version, description, checksum, applied_at) VALUES ("
                        + migration.version() + ", '" + migration.description() + "', '" + migration.checksum() + "', now())");
                applied.add(migration.version());
            }
            return new Outcome(List.copyOf(applied), List.copyOf(alreadyApplied));
        }
    }

    private static Map<Integer, String> appliedChecksums(ClickHouseClient database) {
        Map<Integer, String> checksums = new HashMap<>();
        for (List<String> row : database.rows("SELECT version, checksum FROM " + database.qualified(HISTORY_TABLE) + " ORDER BY version")) {
            checksums.put(Integer.parseInt(row.get(0)), row.get(1));
        }
        return checksums;
    }
}
