package dev.streamcart.schemas.clickhouse;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;

/**
 * Where ClickHouse answers and which database holds the platform's tables, read from the keys
 * {@code clickhouse.url}, {@code clickhouse.database}, {@code clickhouse.user} and
 * {@code clickhouse.password}. Serializable because the Flink sinks carry it to the task managers,
 * where the (non-serializable) client is built.
 *
 * @param url      HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param database database of the platform's tables, created by the migrations when missing
 */
public record ClickHouseSettings(String url, String database, String user, String password) implements Serializable {

    public static final String DEFAULT_URL = "http://127.0.0.1:8123";
    public static final String DEFAULT_DATABASE = "streamcart";
    public static final String DEFAULT_USER = "default";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!IDENTIFIER.matcher(database).matches()) {
            // the name is spliced into SQL and DDL, so it must be a plain identifier
            throw new IllegalArgumentException(CommonKeys.CLICKHOUSE_DATABASE + " must be a plain identifier, was '" + database + "'");
        }
    }

    /** The default user without a password, as the local server and the tests run it. */
    public static ClickHouseSettings of(String url, String database) {
        return new ClickHouseSettings(url, database, DEFAULT_USER, "");
    }

    /** The configured server, {@link #DEFAULT_URL} when {@code clickhouse.url} is not set. */
    public static ClickHouseSettings fromSettings(Settings settings) {
        return fromSettings(settings, settings.get(CommonKeys.CLICKHOUSE_URL, DEFAULT_URL));
    }

    /** The configured server at {@code url} (for callers that decide themselves what a missing URL means). */
    public static ClickHouseSettings fromSettings(Settings settings, String url) {
        return new ClickHouseSettings(
                url,
                settings.get(CommonKeys.CLICKHOUSE_DATABASE, DEFAULT_DATABASE),
                settings.get(CommonKeys.CLICKHOUSE_USER, DEFAULT_USER),
                settings.get(CommonKeys.CLICKHOUSE_PASSWORD, ""));
    }

    /** {@code table} prefixed with the database, e.g. {@code streamcart.sales_per_minute}. */
    public String qualified(String table) {
        return database + "." + table;
    }

    @Override
    public String toString() {
        // never print the password
        return "ClickHouseSettings[url=" + url + ", database=" + database + ", user=" + user + "]";
    }
}
