package dev.streamcart.serving.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL migrations in {@code db/migration}: the schema of the system of
 * record, including the outbox table and the {@code streamcart_cdc} publication ingest-cdc reads.
 * Idempotent: applying twice changes nothing.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    public static MigrateResult apply(DataSource dataSource) {
        return migrate(Flyway.configure().dataSource(dataSource));
    }

    /** For a one-shot run: Flyway opens (and closes) the connections it needs itself. */
    public static MigrateResult apply(DatabaseSettings settings) {
        return migrate(Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password()));
    }

    private static MigrateResult migrate(FluentConfiguration configuration) {
        MigrateResult result = configuration
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
