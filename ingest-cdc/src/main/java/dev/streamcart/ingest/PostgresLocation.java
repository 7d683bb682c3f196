package dev.streamcart.ingest;

import java.net.URI;
import java.util.Objects;

/** Host, port and database of a {@code jdbc:postgresql://host[:port]/database[?...]} URL, for Debezium. */
public record PostgresLocation(String host, int port, String database) {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    public PostgresLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    public static PostgresLocation fromJdbcUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (" + PREFIX + "...): " + jdbcUrl);
        }
        URI uri = URI.create("postgresql://" + jdbcUrl.substring(PREFIX.length()));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("JDBC URL names no single host (multi-host URLs are not supported): " + jdbcUrl);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw new IllegalArgumentException("JDBC URL names no database: " + jdbcUrl);
        }
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database);
    }
}
