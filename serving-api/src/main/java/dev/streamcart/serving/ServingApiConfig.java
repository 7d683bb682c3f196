package dev.streamcart.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.metrics.MetricsSettings;
import dev.streamcart.serving.admission.AdmissionSettings;
import dev.streamcart.serving.analytics.InventoryAccuracyCheck;
import dev.streamcart.serving.auth.AuthSettings;
import dev.streamcart.serving.db.DatabaseSettings;
import dev.streamcart.serving.limits.ApiLimits;
import dev.streamcart.serving.payments.PaymentSettings;
import dev.streamcart.serving.readmodels.QueryEndpoints;
import org.jspecify.annotations.Nullable;

/**
 * Everything serving-api is configured with, and the one place its defaults live. Kafka (with
 * the schema registry) and ClickHouse are optional so the API can run alone against PostgreSQL;
 * the parts that need them then report DISABLED on /health. {@code /metrics} is served on its own
 * management port ({@code metrics.host}, {@code metrics.port}), not on the API's.
 */
public record ServingApiConfig(String host, int port, DatabaseSettings database, @Nullable String kafkaBootstrapServers,
                               @Nullable String schemaRegistryUrl, @Nullable ClickHouseSettings clickHouse,
                               Path modelsDir, Duration modelCheckInterval, PaymentSettings payments, int bcryptRounds,
                               AuthSettings auth, Path photosDir, @Nullable QueryEndpoints inventoryQueries,
                               @Nullable QueryEndpoints orderQueries, AdmissionSettings admission, ApiLimits limits,
                               MetricsSettings metrics, FeatureSettings features) {

    public static final String HOST = "api.host";
    public static final String PORT = "api.port";
    public static final String DB_POOL_SIZE = "api.db-pool-size";
    public static final String BCRYPT_ROUNDS = "users.bcrypt-rounds";
    public static final String PHOTOS_DIR = "photos.dir";
    /** Base URLs of inventory-streams' interactive queries, comma-separated. */
    public static final String INVENTORY_QUERY_URLS = "inventory.query.urls";
    /** Base URLs of order-streams' interactive queries, comma-separated. */
    public static final String ORDER_QUERY_URLS = "orders.query.urls";
    public static final String SEARCH_FACET_CACHE_TTL_MS = "search.facet-cache-ttl-ms";
    public static final String RECOMMENDATIONS_MAX_PER_SELLER = "recommendations.max-per-seller";

    /**
     * Settings of single features: how old search totals and facet counts may be (zero turns their
     * cache off; the items are never cached), at most how many items of one seller a user's
     * recommendations hold, and how often the inventory accuracy check runs.
     */
    public record FeatureSettings(Duration searchFacetCacheTtl, int recommendationsPerSeller,
                                  Duration inventoryAccuracyInterval) {

        public FeatureSettings {
            Objects.requireNonNull(searchFacetCacheTtl, "searchFacetCacheTtl");
            Objects.requireNonNull(inventoryAccuracyInterval, "inventoryAccuracyInterval");
            if (searchFacetCacheTtl.isNegative()) {
                throw new IllegalArgumentException(SEARCH_FACET_CACHE_TTL_MS + " must not be negative, was "
                        + searchFacetCacheTtl.toMillis());
            }
            if (recommendationsPerSeller < 1) {
                throw new IllegalArgumentException(RECOMMENDATIONS_MAX_PER_SELLER + " must be at least 1, was "
                        + recommendationsPerSeller);
            }
        }

        public static FeatureSettings defaults() {
            return new FeatureSettings(Duration.ofMillis(5_000), 3, InventoryAccuracyCheck.DEFAULT_INTERVAL);
        }

        public static FeatureSettings from(Settings settings) {
            FeatureSettings defaults = defaults();
            return new FeatureSettings(
                    Duration.ofMillis(settings.getLong(SEARCH_FACET_CACHE_TTL_MS, defaults.searchFacetCacheTtl().toMillis())),
                    settings.getInt(RECOMMENDATIONS_MAX_PER_SELLER, defaults.recommendationsPerSeller()),
                    InventoryAccuracyCheck.interval(settings.find(InventoryAccuracyCheck.INTERVAL_KEY)));
        }

        /** Same settings, with another interval between inventory accuracy checks. */
        public FeatureSettings withInventoryAccuracyInterval(Duration interval) {
            return new FeatureSettings(searchFacetCacheTtl, recommendationsPerSeller, interval);
        }
    }

    public ServingApiConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(modelCheckInterval, "modelCheckInterval");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(photosDir, "photosDir");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(features, "features");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("api.port must be within 0..65535, was " + port);
        }
        if ((kafkaBootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException("kafka.bootstrap-servers and schema-registry.url go together: "
                    + "set both or neither");
        }
    }

    /** Without interactive-query endpoints: stock and order views report DISABLED. */
    public ServingApiConfig(String host, int port, DatabaseSettings database, @Nullable String kafkaBootstrapServers,
                            @Nullable String schemaRegistryUrl, @Nullable ClickHouseSettings clickHouse, Path modelsDir,
                            Duration modelCheckInterval, PaymentSettings payments, int bcryptRounds, AuthSettings auth,
                            Path photosDir) {
        this(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir, modelCheckInterval,
                payments, bcryptRounds, auth, photosDir, null, null, AdmissionSettings.defaults(database.maxPoolSize()),
                ApiLimits.defaults(), MetricsSettings.loopback(0), FeatureSettings.defaults());
    }

    /** Review photos go to a {@code photos} folder next to the models folder (both live in the data dir). */
    public ServingApiConfig(String host, int port, DatabaseSettings database, @Nullable String kafkaBootstrapServers,
                            @Nullable String schemaRegistryUrl, @Nullable ClickHouseSettings clickHouse, Path modelsDir,
                            Duration modelCheckInterval, PaymentSettings payments, int bcryptRounds, AuthSettings auth) {
        this(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir, modelCheckInterval,
                payments, bcryptRounds, auth, modelsDir.toAbsolutePath().resolveSibling("photos"));
    }

    public static ServingApiConfig from(Settings settings) {
        String owner = settings.get(CommonKeys.JDBC_USER, "postgres");
        String appUser = settings.get(CommonKeys.JDBC_APP_USER, DatabaseSettings.DEFAULT_APP_USER);
        if (appUser.equals(owner)) {
            throw new IllegalArgumentException(CommonKeys.JDBC_APP_USER + " must not be " + CommonKeys.JDBC_USER
                    + " (" + owner + "): the API connects as a role that cannot change the schema");
        }
        DatabaseSettings database = new DatabaseSettings(
                settings.require(CommonKeys.JDBC_URL),
                owner,
                settings.get(CommonKeys.JDBC_PASSWORD, ""),
                appUser,
                settings.get(CommonKeys.JDBC_APP_PASSWORD, ""),
                settings.getInt(DB_POOL_SIZE, 16));
        String clickHouseUrl = settings.find(CommonKeys.CLICKHOUSE_URL);
        ClickHouseSettings clickHouse = clickHouseUrl == null ? null : ClickHouseSettings.fromSettings(settings, clickHouseUrl);
        return new ServingApiConfig(
                settings.get(HOST, "127.0.0.1"),
                settings.getInt(PORT, 8080),
                database,
                settings.find(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                settings.find(CommonKeys.SCHEMA_REGISTRY_URL),
                clickHouse,
                modelsDir(settings),
                Duration.ofSeconds(2),
                PaymentSettings.from(settings),
                settings.getInt(BCRYPT_ROUNDS, 10),
                AuthSettings.from(settings),
                photosDir(settings),
                queryEndpoints(settings, INVENTORY_QUERY_URLS, "inventory-streams"),
                queryEndpoints(settings, ORDER_QUERY_URLS, "order-streams"),
                AdmissionSettings.from(settings, database.maxPoolSize()),
                ApiLimits.from(settings),
                MetricsSettings.from(settings),
                FeatureSettings.from(settings));
    }

    private static @Nullable QueryEndpoints queryEndpoints(Settings settings, String key, String app) {
        String urls = settings.find(key);
        return urls == null || urls.isBlank() ? null : QueryEndpoints.parse(app, urls);
    }

    /** Same settings, with the interactive-query endpoints of the two Streams apps. */
    public ServingApiConfig withQueries(@Nullable QueryEndpoints inventory, @Nullable QueryEndpoints orders) {
        return new ServingApiConfig(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir,
                modelCheckInterval, payments, bcryptRounds, auth, photosDir, inventory, orders, admission, limits, metrics,
                features);
    }

    /** Same settings, with other admission limits for requests that change state. */
    public ServingApiConfig withAdmission(AdmissionSettings limits) {
        return new ServingApiConfig(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir,
                modelCheckInterval, payments, bcryptRounds, auth, photosDir, inventoryQueries, orderQueries, limits, this.limits,
                metrics, features);
    }

    /** Same settings, with other abuse limits. */
    public ServingApiConfig withLimits(ApiLimits abuseLimits) {
        return new ServingApiConfig(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir,
                modelCheckInterval, payments, bcryptRounds, auth, photosDir, inventoryQueries, orderQueries, admission,
                abuseLimits, metrics, features);
    }

    /** Same settings, with {@code /metrics} served elsewhere. */
    public ServingApiConfig withMetrics(MetricsSettings management) {
        return new ServingApiConfig(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir,
                modelCheckInterval, payments, bcryptRounds, auth, photosDir, inventoryQueries, orderQueries, admission,
                limits, management, features);
    }

    /** Same settings, with other settings of single features. */
    public ServingApiConfig withFeatures(FeatureSettings settings) {
        return new ServingApiConfig(host, port, database, kafkaBootstrapServers, schemaRegistryUrl, clickHouse, modelsDir,
                modelCheckInterval, payments, bcryptRounds, auth, photosDir, inventoryQueries, orderQueries, admission,
                limits, metrics, settings);
    }

    /** photos.dir, else {@code <platform.data-dir>/photos}, else {@code ./photos}. */
    private static Path photosDir(Settings settings) {
        String explicit = settings.find(PHOTOS_DIR);
        if (explicit != null) {
            return Path.of(explicit);
        }
        String dataDir = settings.find(CommonKeys.DATA_DIR);
        return dataDir == null ? Path.of("photos") : Path.of(dataDir, "photos");
    }

    /** recommender.models-dir, else {@code <platform.data-dir>/models}, else {@code ./models}. */
    private static Path modelsDir(Settings settings) {
        String explicit = settings.find(CommonKeys.MODELS_DIR);
        if (explicit != null) {
            return Path.of(explicit);
        }
        String dataDir = settings.find(CommonKeys.DATA_DIR);
        return dataDir == null ? Path.of("models") : Path.of(dataDir, "models");
    }

    public boolean kafkaEnabled() {
        return kafkaBootstrapServers != null;
    }
}
