package dev.streamcart.analytics.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseException;
import dev.streamcart.schemas.clickhouse.ClickHouseMigrator;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.clickhouse.Migration;
import dev.streamcart.schemas.clickhouse.MigrationScripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared migrations runner (schemas' {@code clickhouse} package) against a real ClickHouse 18.16 (Debian's server, started by local-stack). */
class ClickHouseMigratorTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void startClickHouse() {
        infra = LocalInfrastructure.builder(TestFolders.fresh("clickhouse-migrations")).clickHouse().start();
    }

    @AfterAll
    static void stopClickHouse() {
        if (infra != null) {
            infra.close();
        }
    }

    private static ClickHouseSettings endpoint(String database) {
        return ClickHouseSettings.of(infra.clickHouseUrl(), database);
    }

    @Test
    void createsTheDatabaseAppliesEachVersionOnceAndRecordsIt() {
        ClickHouseSettings endpoint = endpoint("migrations_once");
        List<Migration> migrations = MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER);

        ClickHouseMigrator.Outcome first = new ClickHouseMigrator(endpoint).migrate(migrations);
        ClickHouseMigrator.Outcome second = new ClickHouseMigrator(endpoint).migrate(migrations);

        // V1 (sales_per_minute) and V2 (the KPI tables) are released; later versions add to the list
        assertThat(first.applied()).startsWith(1, 2);
        assertThat(second.applied()).isEmpty();
        assertThat(second.alreadyApplied()).isEqualTo(first.applied());
        try (ClickHouseClient gateway = ClickHouseClient.open(endpoint)) {
            assertThat(gateway.rows("SELECT version, description FROM migrations_once.schema_migrations ORDER BY version"))
                    .startsWith(List.of("1", "sales_per_minute"), List.of("2", "kpis"));
            assertThat(gateway.rows("SELECT engine FROM system.tables WHERE database = 'migrations_once'"
                    + " AND name = 'sales_per_minute'")).containsExactly(List.of("ReplacingMergeTree"));
            assertThat(gateway.rows("SELECT name, type FROM system.columns WHERE database = 'migrations_once'"
                    + " AND table = 'sales_per_minute' ORDER BY name")).containsExactly(
                    List.of("category_id", "UInt64"), List.of("minute", "DateTime"), List.of("orders", "UInt64"),
                    List.of("revenue_cents", "Int64"), List.of("units", "UInt64"), List.of("version", "UInt64"));
        }
    }

    @Test
    void refusesAMigrationEditedAfterItWasApplied() {
        ClickHouseSettings endpoint = endpoint("migrations_edited");
        new ClickHouseMigrator(endpoint).migrate(List.of(new Migration(1, "t", "CREATE TABLE IF NOT EXISTS "
                + "${database}.t (x UInt8) ENGINE = MergeTree ORDER BY x;")));

        assertThatThrownBy(() -> new ClickHouseMigrator(endpoint).migrate(List.of(new Migration(1, "t",
                "CREATE TABLE IF NOT EXISTS ${database}.t (x UInt16) ENGINE = MergeTree ORDER BY x;"))))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("V1__t was changed after it was applied");
    }

    @Test
    void appliesNewVersionsInOrderAfterTheOnesAlreadyApplied() {
        ClickHouseSettings endpoint = endpoint("migrations_in_order");
        Migration createTable = new Migration(1, "t", "CREATE TABLE IF NOT EXISTS ${database}.t (x UInt8)"
                + " ENGINE = MergeTree ORDER BY x;");
        Migration addColumnAndRow = new Migration(2, "t_y", """
                -- two statements in one script
                ALTER TABLE ${database}.t ADD COLUMN y String;
                INSERT INTO ${database}.t (x, y) VALUES (1, 'one');
                """);
        new ClickHouseMigrator(endpoint).migrate(List.of(createTable));

        ClickHouseMigrator.Outcome outcome = new ClickHouseMigrator(endpoint).migrate(List.of(addColumnAndRow, createTable));

        assertThat(outcome.applied()).containsExactly(2);
        try (ClickHouseClient gateway = ClickHouseClient.open(endpoint)) {
            assertThat(gateway.rows("SELECT x, y FROM migrations_in_order.t")).containsExactly(List.of("1", "one"));
        }
    }
}
