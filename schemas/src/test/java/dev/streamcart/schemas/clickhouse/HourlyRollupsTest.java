package dev.streamcart.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HourlyRollupsTest {

    @Test
    void recomputesTheHoursOfTheRangeIntoItsOwnTableFromItsMinuteTable() {
        String sql = HourlyRollups.PRODUCT_SALES.recompute("shop", 7_200, 14_400);

        assertThat(sql).startsWith("INSERT INTO shop.product_sales_per_hour")
                .contains("FROM shop.product_sales_per_minute FINAL")
                .contains("minute >= toDateTime(7200) AND minute < toDateTime(14400)")
                .doesNotContain("${").doesNotContain("--");
    }

    @Test
    void eachMinuteTableKnowsTheRollupsDerivedFromIt() {
        assertThat(HourlyRollups.of("product_sales_per_minute"))
                .containsExactly(HourlyRollups.PRODUCT_SALES, HourlyRollups.REGION_SALES);
        assertThat(HourlyRollups.of("user_activity")).containsExactly(HourlyRollups.USER_ACTIVITY);
        assertThat(HourlyRollups.of("payments_per_minute")).isEmpty();
    }

    @Test
    void everyRollupStatementInsertsTheColumnsItDeclares() {
        for (HourlyRollups rollup : HourlyRollups.values()) {
            String sql = rollup.recompute("shop", 0, 3_600);
            String inserted = sql.substring(sql.indexOf('(') + 1, sql.indexOf(')')).replaceAll("\\s+", "");
            assertThat(inserted).as(rollup.name())
                    .isEqualTo("hour," + String.join(",", rollup.columns()) + ",version");
        }
    }

    @Test
    void refusesRangesThatAreNotWholeHoursAndDatabaseNamesThatAreNotPlain() {
        assertThatThrownBy(() -> HourlyRollups.USER_ACTIVITY.recompute("shop", 60, 3_600))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HourlyRollups.USER_ACTIVITY.recompute("shop", 3_600, 3_600))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HourlyRollups.USER_ACTIVITY.recompute("shop; DROP", 0, 3_600))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hourOfFloorsToTheHour() {
        assertThat(HourlyRollups.hourOf(7_199)).isEqualTo(3_600);
        assertThat(HourlyRollups.hourOf(7_200)).isEqualTo(7_200);
    }
}
