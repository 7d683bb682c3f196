package dev.streamcart.schemas.clickhouse;

import dev.streamcart.schemas.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the ClickHouse migrations of this module ({@code src/main/resources/clickhouse/V*__*.sql}) to
 * the database named by {@code clickhouse.database} at {@code clickhouse.url}. The launcher runs it
 * before it starts the services. Exit code 0 when the schema is current, 1 on failure.
 */
public final class ClickHouseMigrationsMain {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrationsMain.class);

    private ClickHouseMigrationsMain() {}

    public static void main(String[] args) {
        ClickHouseSettings settings = ClickHouseSettings.fromSettings(Settings.fromEnvironment());
        try {
            ClickHouseMigrator.Outcome outcome = new ClickHouseMigrator(settings)
                    .migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));
            LOG.info("ClickHouse schema of {} is current: applied {}, already applied {}",
                    settings.database(), outcome.applied(), outcome.alreadyApplied());
        } catch (RuntimeException e) {
            LOG.error("ClickHouse migrations failed at {}: {}", settings, e.getMessage(), e);
            System.exit(1);
        }
    }
}
