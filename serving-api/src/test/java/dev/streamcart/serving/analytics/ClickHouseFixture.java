package dev.streamcart.serving.analytics;

import java.util.List;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseMigrator;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.clickhouse.HourlyRollups;
import dev.streamcart.schemas.clickhouse.MigrationScripts;

/**
 * The shared ClickHouse schema (schemas' classpath folder {@code clickhouse}, applied by the same
 * migrator as in production) in a test server, and rows written the way the Flink job writes them.
 */
public final class ClickHouseFixture {

    private final ClickHouseSettings settings;

    public ClickHouseFixture(String url) {
        this.settings = ClickHouseSettings.of(url, "streamcart");
    }

    /** Creates the database and applies every migration not yet applied. */
    public ClickHouseFixture applySchema() {
        new ClickHouseMigrator(settings).migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));
        return this;
    }

    /**
     * Recomputes every hourly roll-up over {@code [fromHour, toHour)} from the minute rows written so
     * far, as analytics-flink does at each checkpoint for the hours it wrote.
     */
    public void rollUp(long fromHour, long toHour) {
        for (HourlyRollups rollup : HourlyRollups.values()) {
            execute(rollup.recompute(settings.database(), fromHour, toHour));
        }
    }

    public void execute(String sql) {
        try (ClickHouseClient client = ClickHouseClient.open(settings)) {
            client.execute(sql);
        }
    }

    public List<List<String>> rows(String sql) {
        try (ClickHouseClient client = ClickHouseClient.open(settings)) {
            return client.rows(sql);
        }
    }
}
