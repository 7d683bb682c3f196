package dev.streamcart.localstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Embedded PostgreSQL 17 (zonky) configured for CDC and durability: logical WAL for Debezium, and
 * fsync plus synchronous_commit on (zonky turns both off by default, which loses committed data
 * on a crash and delays CDC). The data folder is kept between starts.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static final String EXTRA_CONFIG_PREFIX = "postgres.server-config.";

    /** Starts (initialising the folder on first use) on {@code port}; 0 picks a free one. */
    public static PostgresServer start(Path folder, int port) {
        Objects.requireNonNull(folder, "folder");
        try {
            Path data = Files.createDirectories(folder.resolve("data"));
            Path binaries = Files.createDirectories(folder.resolve("binaries"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    // we stop it ourselves, last, after the services using it (the reaper covers a crash)
                    .setRegisterShutdownHook(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port > 0 ? port : FreePorts.next())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "10")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("timezone", "UTC");
            extraServerConfig().forEach(builder::setServerConfig);
            return new PostgresServer(builder.start(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + folder, e);
        }
    }

    /**
     * Server settings from the starting JVM's system properties {@code postgres.server-config.<name>},
     * for diagnosis: {@code -Dpostgres.server-config.shared_preload_libraries=pg_stat_statements}
     * shows where a benchmark's database time goes. They come after the defaults, so they win.
     */
    static Map<String, String> extraServerConfig() {
        Map<String, String> extra = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(EXTRA_CONFIG_PREFIX) && name.length() > EXTRA_CONFIG_PREFIX.length())
                .forEach(name -> extra.put(name.substring(EXTRA_CONFIG_PREFIX.length()), System.getProperty(name)));
        return extra;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public DataSource dataSource() {
        return postgres.getDatabase(USER, DATABASE);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The postmaster's pid, from postmaster.pid, so a reaper can stop it if this JVM dies. */
    public long postmasterPid() {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
            return Long.parseLong(first);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }
}
