package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.streamcart.schemas.config.CommonKeys;

/**
 * Addresses of a running platform. Written to {@code run/endpoints.properties} so that commands
 * such as {@code ./platform train} reach the platform that {@code ./platform up} started.
 */
public record Endpoints(String jdbcUrl, String bootstrapServers, String schemaRegistryUrl, String clickHouseUrl,
        String apiUrl) {

    public static final String FILE = "endpoints.properties";

    /** The settings every service receives (as -D system properties). */
    public Map<String, String> serviceSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonKeys.JDBC_URL, jdbcUrl);
        settings.put(CommonKeys.JDBC_USER, "postgres");
        settings.put(CommonKeys.JDBC_PASSWORD, "postgres");
        settings.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(CommonKeys.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        settings.put(CommonKeys.CLICKHOUSE_URL, clickHouseUrl);
        settings.put(CommonKeys.CLICKHOUSE_DATABASE, "streamcart");
        return settings;
    }

    public void write(Path folder) {
        Properties properties = new Properties();
        properties.setProperty("jdbc-url", jdbcUrl);
        properties.setProperty("bootstrap-servers", bootstrapServers);
        properties.setProperty("schema-registry-url", schemaRegistryUrl);
        properties.setProperty("clickhouse-url", clickHouseUrl);
        properties.setProperty("api-url", apiUrl);
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(FILE + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "addresses of the running platform");
            }
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    public static Endpoints read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the platform is not running (no " + file + "): start it with ./platform up");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Endpoints(properties.getProperty("jdbc-url"), properties.getProperty("bootstrap-servers"),
                properties.getProperty("schema-registry-url"), properties.getProperty("clickhouse-url"),
                properties.getProperty("api-url"));
    }

    public static void delete(Path folder) {
        try {
            Files.deleteIfExists(folder.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + FILE, e);
        }
    }
}
