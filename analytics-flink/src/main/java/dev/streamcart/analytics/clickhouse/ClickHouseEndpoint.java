package dev.streamcart.analytics.clickhouse;

import java.io.Serializable;
import java.util.Objects;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;

/**
 * Where ClickHouse is and which database holds the platform's tables. Serializable because the
 * Flink sink carries it to the task managers, where the (non-serializable) client is built.
 *
 * @param url      HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param database database of the platform's tables, created by the migrations when missing
 */
public record ClickHouseEndpoint(String url, String database, String user, String password) implements Serializable {

    public static final String USER_KEY = "clickhouse.user";
    public static final String PASSWORD_KEY = "clickhouse.password";
    public static final String DEFAULT_URL = "http://127.0.0.1:8123";
    public static final String DEFAULT_DATABASE = "streamcart";

    public ClickHouseEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            // the name is written into DDL, so it must be a plain identifier
            throw new IllegalArgumentException("clickhouse.database must be a plain identifier, was '" + database + "'");
        }
    }

    public static ClickHouseEndpoint fromSettings(Settings settings) {
        return new ClickHouseEndpoint(
                settings.get(CommonKeys.CLICKHOUSE_URL, DEFAULT_URL),
                settings.get(CommonKeys.CLICKHOUSE_DATABASE, DEFAULT_DATABASE),
                settings.get(USER_KEY, "default"),
                settings.get(PASSWORD_KEY, ""));
    }

    @Override
    public String toString() {
        // never print the password
        return "ClickHouseEndpoint[url=" + url + ", database=" + database + ", user=" + user + "]";
    }
}
