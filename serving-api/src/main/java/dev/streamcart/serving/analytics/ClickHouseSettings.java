package dev.streamcart.serving.analytics;

import java.util.Objects;
import java.util.regex.Pattern;

/** Where ClickHouse answers (an http URL) and which database holds the analytics tables. */
public record ClickHouseSettings(String url, String database, String user, String password) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        // the database name is spliced into SQL, so it must be a plain identifier
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("clickhouse.database must be a plain identifier, was '" + database + "'");
        }
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", database=" + database + ", user=" + user + "]";
    }
}
