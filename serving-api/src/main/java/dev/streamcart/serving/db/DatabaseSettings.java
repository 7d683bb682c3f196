package dev.streamcart.serving.db;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where PostgreSQL is, as whom, and how many connections the API may hold. Two roles: the owner
 * ({@code user}) applies the migrations and sets the application role's password; the pool
 * connects as the application role ({@code appUser}), which reads and writes rows but can change
 * no schema, so a flaw in the API cannot drop or alter a table. Tools that own the database anyway
 * (benchmarks, the load generator's buyer pool) use the owner for both.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, String appUser, String appPassword,
                               int maxPoolSize) {

    /** The application role's name unless {@code postgres.app-user} says otherwise. */
    public static final String DEFAULT_APP_USER = "streamcart_app";

    /** A plain lower-case identifier: the name goes into the migration's SQL as it is, unquoted. */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(appUser, "appUser");
        Objects.requireNonNull(appPassword, "appPassword");
        if (!appUser.equals(user) && !ROLE_NAME.matcher(appUser).matches()) {
            throw new IllegalArgumentException("postgres.app-user must be a lower-case identifier "
                    + "(letters, digits, _; at most 63), was '" + appUser + "'");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be >= 1, was " + maxPoolSize);
        }
    }

    /** One role, the owner, for migrations and the pool alike: for tools, never for the API in production. */
    public DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
        this(jdbcUrl, user, password, user, password, maxPoolSize);
    }

    /** Whether the pool connects as a role of its own rather than as the owner. */
    public boolean separateAppRole() {
        return !appUser.equals(user);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", appUser=" + appUser
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
