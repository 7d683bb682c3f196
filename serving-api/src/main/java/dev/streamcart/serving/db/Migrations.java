package dev.streamcart.serving.db;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL migrations in {@code db/migration}: the schema of the system of
 * record, including the outbox table and the {@code streamcart_cdc} publication ingest-cdc reads,
 * and (V23) the application role the API's pool connects as, with its grants. Always as the
 * owner: the application role may not change the schema. Idempotent: applying twice changes nothing.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The Flyway placeholder that names the application role in V23 and in later grants. */
    static final String APP_ROLE_PLACEHOLDER = "app_role";

    /** Seconds Flyway waits, doubling from 1, for a PostgreSQL that is still starting: 1 + 2 + 4 + 8. */
    private static final int CONNECT_RETRIES = 4;

    private Migrations() {}

    /** With the default name of the application role ({@link DatabaseSettings#DEFAULT_APP_USER}). */
    public static MigrateResult apply(DataSource ownerDataSource) {
        return migrate(Flyway.configure().dataSource(ownerDataSource), DatabaseSettings.DEFAULT_APP_USER);
    }

    /** For a one-shot run, as the owner: Flyway opens (and closes) the connections it needs itself. */
    public static MigrateResult apply(DatabaseSettings settings) {
        // a tool that runs everything as the owner still gets the role the API would use, not the owner renamed
        String appRole = settings.separateAppRole() ? settings.appUser() : DatabaseSettings.DEFAULT_APP_USER;
        return migrate(Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .connectRetries(CONNECT_RETRIES), appRole);
    }

    private static MigrateResult migrate(FluentConfiguration configuration, String appRole) {
        // Placeholders are replaced after the checksum of a versioned migration is taken, so another
        // role name later does not fail validation (V23, which created the role, is not run again).
        MigrateResult result = configuration
                .locations("classpath:db/migration")
                .placeholders(Map.of(APP_ROLE_PLACEHOLDER, appRole))
                .load()
                .migrate();
        LOG.info("database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
