package dev.streamcart.serving.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.serving.ServingApiMain;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class MigrationsTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void theMigrateCommandIsIdempotent() {
        PGSimpleDataSource database = (PGSimpleDataSource) SERVER.database();
        long applied = new Db(database).count("SELECT count(*) FROM flyway_schema_history WHERE success");
        Settings settings = Settings.of(Map.of(CommonKeys.JDBC_URL, database.getUrl(),
                CommonKeys.JDBC_USER, database.getUser(), CommonKeys.JDBC_PASSWORD, database.getPassword()));

        assertThat(ServingApiMain.run(new String[] {"migrate"}, settings)).isZero();

        assertThat(new Db(database).count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied);
        assertThat(Migrations.apply(database).migrationsExecuted).isZero();
    }

    @Test
    void theCdcPublicationCoversTheOutboxProductsInventoryAndTheHeartbeat() {
        List<Map<String, Object>> tables = SERVER.db()
                .rows("SELECT tablename FROM pg_publication_tables WHERE pubname = 'streamcart_cdc' ORDER BY tablename");

        assertThat(tables).extracting(row -> row.get("tablename")).containsExactly("cdc_heartbeat", "inventory", "outbox", "products");
    }

    @Test
    void theDatabaseItselfRefusesToReserveMoreThanIsOnHand() {
        Storefront shop = SERVER.storefront();
        long product = shop.stockedProduct("1.00", 3);

        assertThatThrownBy(() -> SERVER.execute("UPDATE inventory SET reserved_quantity = 4 WHERE product_id = " + product))
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("inventory_reserved_within_on_hand");
        assertThatThrownBy(() -> SERVER.execute("UPDATE inventory SET reserved_quantity = -1 WHERE product_id = " + product))
                .rootCause().hasMessageContaining("inventory_reserved_within_on_hand");
    }
}
