package dev.streamcart.serving.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/** The API's pool of PostgreSQL connections, as the application role (see {@link DatabaseSettings}). */
public final class ConnectionPool {

    private ConnectionPool() {}

    public static HikariDataSource open(DatabaseSettings settings) {
        return open(settings, null);
    }

    /** With the pool's figures ({@code hikaricp_connections_*}: active, idle, pending, wait and usage times) in {@code metrics}. */
    public static HikariDataSource open(DatabaseSettings settings, @Nullable MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        config.setPoolName("serving-api");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.appUser());
        config.setPassword(settings.appPassword());
        // names the API's sessions in pg_stat_activity, next to the role they run as
        config.addDataSourceProperty("ApplicationName", "serving-api");
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        // Let the pool come up even while PostgreSQL is still starting; /health reports it.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
