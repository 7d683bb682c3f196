package dev.streamcart.schemas.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * Hierarchical configuration ({@code kafka.bootstrap-servers}, {@code clickhouse.url}) with one
 * precedence order for every service: JVM system property, then environment variable
 * ({@code KAFKA_BOOTSTRAP_SERVERS}), then the properties file named by {@code STREAMCART_CONFIG},
 * then the default the caller passes. The same jar thus runs on embedded defaults and in
 * production without a rebuild.
 */
public final class Settings {

    public static final String CONFIG_FILE_VARIABLE = "STREAMCART_CONFIG";

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Properties fileProperties;

    private Settings(Map<String, String> environment, Properties systemProperties, Properties fileProperties) {
        this.environment = Map.copyOf(environment);
        this.systemProperties = systemProperties;
        this.fileProperties = fileProperties;
    }

    /** Settings of the running process. */
    public static Settings fromEnvironment() {
        Map<String, String> env = System.getenv();
        Properties file = new Properties();
        String configFile = env.get(CONFIG_FILE_VARIABLE);
        if (configFile != null && !configFile.isBlank()) {
            try (Reader reader = Files.newBufferedReader(Path.of(configFile))) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read configuration file " + configFile, e);
            }
        }
        return new Settings(env, System.getProperties(), file);
    }

    /** Settings from explicit values only, for tests and for launchers that pass values on. */
    public static Settings of(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return new Settings(Map.of(), properties, new Properties());
    }

    /** Returns a copy in which {@code overrides} win over every other source. */
    public Settings with(Map<String, String> overrides) {
        Properties merged = new Properties();
        merged.putAll(systemProperties);
        merged.putAll(overrides);
        return new Settings(environment, merged, fileProperties);
    }

    /** The environment variable that carries a key: {@code kafka.bootstrap-servers -> KAFKA_BOOTSTRAP_SERVERS}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public @Nullable String find(String key) {
        Objects.requireNonNull(key, "key");
        String value = systemProperties.getProperty(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = fileProperties.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String get(String key, String defaultValue) {
        String value = find(key);
        return value == null ? defaultValue : value;
    }

    public String require(String key) {
        String value = find(key);
        if (value == null) {
            throw new IllegalStateException("missing configuration '" + key + "' (or environment variable "
                    + environmentName(key) + ")");
        }
        return value;
    }

    public int getInt(String key, int defaultValue) {
        String value = find(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration '" + key + "' must be an integer, was '" + value + "'", e);
        }
    }

    public long getLong(String key, long defaultValue) {
        String value = find(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration '" + key + "' must be an integer, was '" + value + "'", e);
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String value = find(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    /** Every key under {@code prefix.}, without the prefix, from system properties and the file. */
    public Map<String, String> withPrefix(String prefix) {
        String dotted = prefix.endsWith(".") ? prefix : prefix + ".";
        Map<String, String> result = new HashMap<>();
        for (Properties source : new Properties[] {fileProperties, systemProperties}) {
            for (String name : source.stringPropertyNames()) {
                if (name.startsWith(dotted)) {
                    result.put(name.substring(dotted.length()), source.getProperty(name));
                }
            }
        }
        return result;
    }
}
