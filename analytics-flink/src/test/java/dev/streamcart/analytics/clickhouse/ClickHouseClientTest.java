package dev.streamcart.analytics.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseException;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared ClickHouse client (schemas' {@code clickhouse} package) against a real ClickHouse 18.16:
 * values come back as stored, whatever TabSeparated would have had to escape, and money stays exact.
 */
class ClickHouseClientTest {

    private static final String AWKWARD_NAME = "Tab\there, line\nbreak, back\\slash, quote ' and \"Zürich\" ☕ 🛒";

    private static LocalInfrastructure infra;
    private static ClickHouseClient clickHouse;

    @BeforeAll
    static void startClickHouse() {
        infra = LocalInfrastructure.builder(TestFolders.fresh("clickhouse-client")).clickHouse().start();
        clickHouse = ClickHouseClient.open(ClickHouseSettings.of(infra.clickHouseUrl(), "client_test"));
        clickHouse.execute("CREATE DATABASE IF NOT EXISTS client_test");
        clickHouse.execute("CREATE TABLE " + clickHouse.qualified("products") + " (product_id UInt64, name String,"
                + " price Decimal(18, 2), listed_at DateTime) ENGINE = MergeTree ORDER BY product_id");
        clickHouse.execute("INSERT INTO " + clickHouse.qualified("products") + " VALUES"
                + " (1, " + literal(AWKWARD_NAME) + ", 19.99, toDateTime(60)),"
                + " (2, '', 0.10, toDateTime(3600)),"
                + " (9223372036854775807, 'plain', 9999999999999999.99, toDateTime(0))");
    }

    @AfterAll
    static void stopClickHouse() {
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void stringsComeBackAsStoredWithNothingToUnescape() {
        assertThat(clickHouse.rows("SELECT product_id, name FROM " + clickHouse.qualified("products") + " ORDER BY product_id"))
                .containsExactly(List.of("1", AWKWARD_NAME), List.of("2", ""), List.of("9223372036854775807", "plain"));
    }

    @Test
    void decimalMoneyStaysExactAndKeepsItsScale() {
        List<BigDecimal> prices = new ArrayList<>();
        clickHouse.forEachRow("SELECT price FROM " + clickHouse.qualified("products") + " ORDER BY product_id",
                row -> prices.add(row.getBigDecimal(1)));
        assertThat(prices).containsExactly(new BigDecimal("19.99"), new BigDecimal("0.10"), new BigDecimal("9999999999999999.99"));

        assertThat(clickHouse.rows("SELECT sum(price), count() FROM "
                + clickHouse.qualified("products") + " WHERE product_id < 3"))
                .containsExactly(List.of("20.09", "2"));
    }

    @Test
    void longColumnsStreamNumbersColumnByColumn() {
        long[][] columns = clickHouse.longColumns("SELECT product_id, toUnixTimestamp(listed_at) FROM "
                + clickHouse.qualified("products") + " ORDER BY product_id", 2);

        assertThat(columns[0]).containsExactly(1, 2, Long.MAX_VALUE);
        assertThat(columns[1]).containsExactly(60, 3600, 0);
    }

    @Test
    void aRejectedStatementIsAClickHouseExceptionNamingIt() {
        assertThatThrownBy(() -> clickHouse.rows("SELECT no_such_column FROM " + clickHouse.qualified("products")))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("no_such_column");
        assertThat(clickHouse.ping(Duration.ofSeconds(2))).isTrue();
    }

    /** {@code value} as a ClickHouse string literal: backslash and quote escaped, as the SQL parser expects. */
    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
