package dev.streamcart.serving.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.serving.ServingApiConfig;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The API connects as the least-privilege role migration V23 creates: it reads and writes rows,
 * deletes only where the code does, and can change neither the schema nor any role. Every other
 * API test runs on that role too (ApiServerExtension), which proves the grants suffice.
 */
class ApplicationRoleTest {

    /** PostgreSQL's SQLSTATE insufficient_privilege (also "must be owner of table"). */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void theApiPoolConnectsAsTheApplicationRole() {
        SERVER.storefront().product("9.99"); // the pool at work: admin sign-in, seller, product

        List<Map<String, Object>> sessions = SERVER.db().rows("""
                SELECT DISTINCT usename FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'serving-api'""");

        assertThat(sessions).extracting(row -> row.get("usename")).containsExactly(ApiServerExtension.APP_USER);
    }

    @Test
    void theApplicationRoleIsNoSuperuserAndOwnsNothing() {
        Map<String, Object> role = new Db(SERVER.appDatabase()).single("""
                SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls
                FROM pg_roles WHERE rolname = current_user""");

        assertThat(role).containsEntry("name", ApiServerExtension.APP_USER)
                .containsEntry("rolsuper", false).containsEntry("rolcreaterole", false)
                .containsEntry("rolcreatedb", false).containsEntry("rolreplication", false)
                .containsEntry("rolbypassrls", false);
        assertThat(SERVER.db().count("SELECT count(*) FROM pg_class WHERE relowner = ?::regrole",
                ApiServerExtension.APP_USER)).isZero();
    }

    @Test
    void theApplicationRolesPasswordWasSetAtStartAsAScramVerifier() {
        Map<String, Object> password = SERVER.db().single(
                "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = ?",
                ApiServerExtension.APP_USER);

        assertThat(password).containsEntry("scram", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE intruder (id INT)",
            "DROP TABLE orders",
            "ALTER TABLE orders ADD COLUMN intruder INT",
            "ALTER TABLE orders DISABLE TRIGGER ALL",
            "TRUNCATE orders",
            "CREATE INDEX intruder_idx ON orders (id)",
            "CREATE SCHEMA intruder",
            "CREATE ROLE intruder",
            "ALTER ROLE " + ApiServerExtension.APP_USER + " SUPERUSER",
            "ALTER ROLE " + ApiServerExtension.APP_USER + " CREATEROLE",
            "ALTER ROLE " + ApiServerExtension.APP_USER + " REPLICATION",
            "DROP PUBLICATION streamcart_cdc",
    })
    void theApplicationRoleCannotChangeTheSchemaOrAnyRole(String statement) {
        assertRefused(SERVER.appDatabase(), statement);

        assertThat(SERVER.db().count("SELECT count(*) FROM pg_class WHERE relname IN ('orders', 'intruder')"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM orders",
            "DELETE FROM users",
            "DELETE FROM inventory",
            "INSERT INTO tax_rates (region, rate, name) VALUES ('XX', 0.5, 'intruder')",
            "UPDATE carriers SET is_active = FALSE",
            "UPDATE cdc_heartbeat SET beat_at = now()",
            "SELECT * FROM flyway_schema_history",
    })
    void theApplicationRoleDeletesOnlyWhereTheApiDoesAndLeavesOthersTablesAlone(String statement) {
        assertRefused(SERVER.appDatabase(), statement);
    }

    @Test
    void theApplicationRoleReadsWritesAndDeletesWhereTheApiDoes() {
        Db app = new Db(SERVER.appDatabase());

        assertThat(app.count("SELECT count(*) FROM orders")).isNotNegative();
        assertThat(app.count("WITH gone AS (DELETE FROM outbox WHERE FALSE RETURNING 1) SELECT count(*) FROM gone")).isZero();
        assertThat(app.count("SELECT count(*) FROM carriers")).isPositive();
    }

    @Test
    void aTableALaterMigrationCreatesIsReadAndWrittenButNotDeletedByTheApplicationRole() {
        SERVER.execute("CREATE TABLE later_feature (id BIGSERIAL PRIMARY KEY, note TEXT NOT NULL)");
        try {
            Db app = new Db(SERVER.appDatabase());

            long id = app.count("INSERT INTO later_feature (note) VALUES ('first') RETURNING id");
            app.count("WITH changed AS (UPDATE later_feature SET note = 'second' WHERE id = " + id
                    + " RETURNING 1) SELECT count(*) FROM changed");

            assertThat(app.single("SELECT note FROM later_feature WHERE id = ?", id)).containsEntry("note", "second");
            assertRefused(SERVER.appDatabase(), "DELETE FROM later_feature");
        } finally {
            SERVER.execute("DROP TABLE later_feature");
        }
    }

    @Test
    void aSecondDatabaseOnTheSameServerIsMigratedWithTheRoleThatIsAlreadyThere() {
        PGSimpleDataSource owner = (PGSimpleDataSource) SERVER.database();
        String name = "second_" + Long.toHexString(System.nanoTime());
        SERVER.execute("CREATE DATABASE " + name);
        try {
            String url = owner.getUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
            DatabaseSettings settings = new DatabaseSettings(url, owner.getUser(), owner.getPassword(),
                    ApiServerExtension.APP_USER, ApiServerExtension.APP_PASSWORD, 2);

            MigrateResult migrated = Migrations.apply(settings);
            ApplicationRole.prepare(settings);

            assertThat(migrated.success).isTrue();
            assertThat(migrated.migrationsExecuted).as("every migration, V23 included, on the fresh database")
                    .isEqualTo(SERVER.db().count("SELECT count(*) FROM flyway_schema_history WHERE success"));

            PGSimpleDataSource app = new PGSimpleDataSource();
            app.setUrl(url);
            app.setUser(ApiServerExtension.APP_USER);
            app.setPassword(ApiServerExtension.APP_PASSWORD);
            assertThat(new Db(app).count("SELECT count(*) FROM carriers")).isPositive();
            assertRefused(app, "DROP TABLE orders");
        } finally {
            SERVER.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void aRoleWithMoreThanRowRightsOrNoRoleAtAllStopsTheStart() {
        PGSimpleDataSource owner = (PGSimpleDataSource) SERVER.database();
        SERVER.execute("DROP ROLE IF EXISTS streamcart_test_rogue");
        SERVER.execute("CREATE ROLE streamcart_test_rogue LOGIN SUPERUSER REPLICATION");
        try {
            assertThatThrownBy(() -> ApplicationRole.prepare(new DatabaseSettings(owner.getUrl(), owner.getUser(),
                    owner.getPassword(), "streamcart_test_rogue", "", 2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("streamcart_test_rogue is a superuser, may replicate");
        } finally {
            SERVER.execute("DROP ROLE streamcart_test_rogue");
        }
        assertThatThrownBy(() -> ApplicationRole.prepare(new DatabaseSettings(owner.getUrl(), owner.getUser(),
                owner.getPassword(), "streamcart_test_missing", "", 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("streamcart_test_missing does not exist");
    }

    @Test
    void theConfigurationNamesTheApplicationRoleApartFromTheOwner() {
        Map<String, String> base = Map.of(CommonKeys.JDBC_URL, "jdbc:postgresql://127.0.0.1:1/x",
                CommonKeys.JDBC_USER, "owner", CommonKeys.JDBC_PASSWORD, "owner secret");

        DatabaseSettings defaults = ServingApiConfig.from(Settings.of(base)).database();
        DatabaseSettings named = ServingApiConfig.from(Settings.of(base).with(Map.of(
                CommonKeys.JDBC_APP_USER, "shop_api", CommonKeys.JDBC_APP_PASSWORD, "app secret"))).database();

        assertThat(defaults.appUser()).isEqualTo(DatabaseSettings.DEFAULT_APP_USER);
        assertThat(named.appUser()).isEqualTo("shop_api");
        assertThat(named.appPassword()).isEqualTo("app secret");
        assertThat(named.user()).isEqualTo("owner");
        assertThat(named.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> ServingApiConfig.from(Settings.of(base).with(Map.of(CommonKeys.JDBC_APP_USER, "owner"))))
                .hasMessageContaining("postgres.app-user must not be postgres.user");
        assertThatThrownBy(() -> ServingApiConfig.from(Settings.of(base).with(Map.of(CommonKeys.JDBC_APP_USER, "x; DROP"))))
                .hasMessageContaining("postgres.app-user must be a lower-case identifier");
    }

    private static void assertRefused(DataSource dataSource, String sql) {
        assertThatThrownBy(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).as(sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}
