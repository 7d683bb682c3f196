package dev.streamcart.schemas.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The hourly roll-ups of {@code V3__hourly_rollups.sql}: which per-minute table each one is derived
 * from, and the statement that recomputes a range of whole hours of it from the minute rows
 * ({@code clickhouse-rollups} classpath folder). Recomputing an hour is idempotent: it writes the
 * same rows again, with a version that only grows as the minute rows grow.
 */
public enum HourlyRollups {

    PRODUCT_SALES("product_sales_per_hour", "product_sales_per_minute", "product_id", "seller_id", "category_id",
            "currency", "orders", "units", "revenue_cents", "refunded_units", "refunded_cents"),
    REGION_SALES("region_sales_per_hour", "product_sales_per_minute", "region", "currency", "orders", "units",
            "revenue_cents", "refunded_units", "refunded_cents"),
    USER_ACTIVITY("user_activity_per_hour", "user_activity", "activity", "user_id");

    public static final long HOUR_SECONDS = 3_600;

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String table;
    private final String minuteTable;
    private final List<String> columns;
    private final String template;

    HourlyRollups(String table, String minuteTable, String... columns) {
        this.table = table;
        this.minuteTable = minuteTable;
        this.columns = List.of(columns);
        this.template = read("/clickhouse-rollups/" + table + ".sql");
    }

    public String table() {
        return table;
    }

    /** The per-minute table whose rows this roll-up sums. */
    public String minuteTable() {
        return minuteTable;
    }

    /**
     * The columns besides {@code hour} and {@code version}, named as in the minute table: a query that
     * needs only these can read whole hours from the roll-up instead of the minute rows.
     */
    public List<String> columns() {
        return columns;
    }

    /** The roll-ups derived from {@code minuteTable}; empty for a table nothing rolls up. */
    public static List<HourlyRollups> of(String minuteTable) {
        return Arrays.stream(values()).filter(rollup -> rollup.minuteTable.equals(minuteTable)).toList();
    }

    /**
     * The INSERT that recomputes the hours {@code [fromHour, toHour)}, both epoch seconds on an hour.
     *
     * @throws IllegalArgumentException for a range that is empty or not on whole hours, or a database
     *     name that is not a plain identifier
     */
    public String recompute(String database, long fromHour, long toHour) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: '" + database + "'");
        }
        if (fromHour % HOUR_SECONDS != 0 || toHour % HOUR_SECONDS != 0 || toHour <= fromHour || fromHour < 0) {
            throw new IllegalArgumentException("not a range of whole hours: [" + fromHour + ", " + toHour + ")");
        }
        return template.replace("${database}", database).replace("${from}", Long.toString(fromHour))
                .replace("${to}", Long.toString(toHour));
    }

    /** The start of the hour holding {@code epochSecond}. */
    public static long hourOf(long epochSecond) {
        return Math.floorDiv(epochSecond, HOUR_SECONDS) * HOUR_SECONDS;
    }

    private static String read(String resource) {
        try (InputStream in = HourlyRollups.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, () -> "missing classpath resource " + resource);
            StringBuilder statement = new StringBuilder();
            // the files start with a comment line; the statement is the rest
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.strip().startsWith("--") && !line.isBlank()) {
                    statement.append(line).append('\n');
                }
            }
            return statement.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
