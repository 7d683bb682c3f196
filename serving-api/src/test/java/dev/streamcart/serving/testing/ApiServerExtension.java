package dev.streamcart.serving.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.inventory.InventoryApplication;
import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.orders.OrderStreamsApplication;
import dev.streamcart.orders.OrderStreamsConfig;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.serving.ServingApi;
import dev.streamcart.serving.ServingApiConfig;
import dev.streamcart.serving.admission.AdmissionSettings;
import dev.streamcart.serving.auth.AuthSettings;
import dev.streamcart.serving.db.DatabaseSettings;
import dev.streamcart.serving.limits.ApiLimits;
import dev.streamcart.serving.limits.LoginLimits;
import dev.streamcart.serving.limits.OrderLimits;
import dev.streamcart.serving.limits.RegistrationLimits;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.payments.PaymentSettings;
import dev.streamcart.serving.readmodels.QueryEndpoints;
import dev.streamcart.serving.users.EmailAddress;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Starts serving-api in-process on a free port of 127.0.0.1 for one test class: a fresh database in
 * the shared embedded PostgreSQL, migrated as the owner and served as the application role, as in
 * production (so every API test also proves the role's grants suffice), and, when asked, its own Kafka broker with the schema registry
 * and its own ClickHouse, and inventory-streams and order-streams answering the API's view queries.
 * Everything it starts it stops after the class.
 */
public final class ApiServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    public static final String ADMIN_EMAIL = "admin@streamcart.test";
    public static final String ADMIN_PASSWORD = "admin password for tests";
    public static final String FINGERPRINT_SECRET = "card fingerprint secret for tests";
    /** The role the API's pool connects as; the tests' own {@link #database()} is the owner. */
    public static final String APP_USER = DatabaseSettings.DEFAULT_APP_USER;
    public static final String APP_PASSWORD = "application role password for tests";

    private boolean withKafka;
    private boolean withClickHouse;
    private boolean withStreams;
    private @Nullable InventoryApplication inventoryStreams;
    private @Nullable OrderStreamsApplication orderStreams;
    private Duration paymentLatency = Duration.ofMillis(5);
    private Function<Duration, PaymentSettings> payments = latency -> PaymentSettings.defaults(latency, FINGERPRINT_SECRET);
    private @Nullable AdmissionSettings admission;
    private @Nullable Function<DataSource, PaymentGateway> gateway;
    private @Nullable PaymentGateway startedGateway;
    private UnaryOperator<ApiLimits> limits = UnaryOperator.identity();
    private UnaryOperator<ServingApiConfig> configuration = UnaryOperator.identity();
    private int bcryptRounds = 4;
    private @Nullable LocalInfrastructure extraInfrastructure;
    private @Nullable ServingApi api;
    private @Nullable ApiClient client;
    private @Nullable PGSimpleDataSource database;
    private @Nullable Path folder;
    private @Nullable LocalInfrastructure sharedPostgres;
    private @Nullable String databaseName;
    private @Nullable TopicWriter topicWriter;

    public static ApiServerExtension withPostgres() {
        return new ApiServerExtension();
    }

    /** Also a Kafka broker, the schema registry and the catalogue's topics. */
    public ApiServerExtension kafka() {
        withKafka = true;
        return this;
    }

    /**
     * Also inventory-streams and order-streams, in this JVM on the test's broker, answering
     * interactive queries on free ports: the API's stock, order and fraud views come from them.
     * Implies {@link #kafka()}.
     */
    public ApiServerExtension streams() {
        withKafka = true;
        withStreams = true;
        return this;
    }

    public ApiServerExtension clickHouse() {
        withClickHouse = true;
        return this;
    }

    public ApiServerExtension paymentLatency(Duration latency) {
        paymentLatency = latency;
        return this;
    }

    /**
     * A payment gateway of the test's own instead of the simulator, given the test's database (so a
     * double can look at the database while it is being called).
     */
    public ApiServerExtension gateway(Function<DataSource, PaymentGateway> factory) {
        gateway = factory;
        return this;
    }

    /** The gateway {@link #gateway(Function)} made for the running API. */
    public <T extends PaymentGateway> T gateway(Class<T> type) {
        return type.cast(Objects.requireNonNull(startedGateway, "started without a gateway of the test's own"));
    }

    /** Admission limits for requests that change state other than the defaults. */
    public ApiServerExtension admission(AdmissionSettings limits) {
        admission = limits;
        return this;
    }

    /**
     * The abuse limits of every test class unless it asks otherwise: the defaults, but for the
     * per-client ones, since every test class calls from 127.0.0.1 and signs up and fails sign-ins
     * far more than a person would; and unpaid orders, which tests leave behind on purpose.
     */
    public static final ApiLimits TEST_LIMITS = ApiLimits.defaults()
            .withLogin(new LoginLimits(LoginLimits.defaults().freeFailuresPerAccountAndClient(),
                    LoginLimits.defaults().freeFailuresPerAccount(), 1_000_000, LoginLimits.defaults().firstDelay(),
                    LoginLimits.defaults().maxDelay(), LoginLimits.defaults().forgetAfter()))
            .withRegistration(new RegistrationLimits(1_000_000, Duration.ofMinutes(1)))
            .withOrders(new OrderLimits(1_000_000, 1_000_000_000));

    /** BCrypt's cost other than the tests' cheap 4, for a test that needs a password check to take real time. */
    public ApiServerExtension bcryptRounds(int rounds) {
        bcryptRounds = rounds;
        return this;
    }

    /** Abuse limits other than {@link #TEST_LIMITS}, derived from them. */
    public ApiServerExtension limits(UnaryOperator<ApiLimits> change) {
        limits = change;
        return this;
    }

    /** Any other change to the configuration the API starts with, applied last. */
    public ApiServerExtension configure(UnaryOperator<ServingApiConfig> change) {
        configuration = change;
        return this;
    }

    /** Payment settings other than the defaults (given the simulator latency). */
    public ApiServerExtension payments(Function<Duration, PaymentSettings> settings) {
        payments = settings;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String className = context.getRequiredTestClass().getSimpleName();
        folder = Path.of("target", "it-data", className).toAbsolutePath();
        Folders.delete(folder); // a previous run's models or broker data must not leak in
        Files.createDirectories(folder);
        LocalInfrastructure postgres = SharedPostgres.in(context);
        sharedPostgres = postgres;
        databaseName = "t" + DATABASES.incrementAndGet() + "_" + className.toLowerCase(Locale.ROOT) + "_"
                + Long.toHexString(System.nanoTime());
        try (Connection connection = postgres.postgres().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + databaseName);
        }
        String jdbcUrl = postgres.jdbcUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + databaseName + "$1");
        database = new PGSimpleDataSource();
        database.setUrl(jdbcUrl);
        database.setUser(postgres.postgresUser());
        database.setPassword(postgres.postgresPassword());

        if (withKafka || withClickHouse) {
            LocalInfrastructure.Builder builder = LocalInfrastructure.builder(folder.resolve("infra"));
            if (withKafka) {
                builder.kafka().schemaRegistry().topics();
            }
            if (withClickHouse) {
                builder.clickHouse();
            }
            extraInfrastructure = builder.start();
        }
        ServingApiConfig config = new ServingApiConfig("127.0.0.1", 0,
                new DatabaseSettings(jdbcUrl, postgres.postgresUser(), postgres.postgresPassword(), APP_USER, APP_PASSWORD,
                        20),
                withKafka ? extraInfrastructure.bootstrapServers() : null,
                withKafka ? extraInfrastructure.schemaRegistryUrl() : null,
                withClickHouse ? ClickHouseSettings.of(extraInfrastructure.clickHouseUrl(), "streamcart")
                        : null,
                folder.resolve("models"), Duration.ofMillis(200), payments.apply(paymentLatency), bcryptRounds,
                new AuthSettings(new EmailAddress(ADMIN_EMAIL), ADMIN_PASSWORD, Duration.ofHours(1)));
        if (admission != null) {
            config = config.withAdmission(admission);
        }
        config = config.withLimits(limits.apply(TEST_LIMITS));
        if (withStreams) {
            config = startStreams(config, extraInfrastructure);
        }
        config = configuration.apply(config);
        if (gateway == null) {
            api = ServingApi.start(config);
        } else {
            startedGateway = gateway.apply(database);
            api = ServingApi.start(config, startedGateway);
        }
        client = new ApiClient("http://127.0.0.1:" + api.port());
        if (withKafka) {
            // the API's caches only keep what they load once every change topic is followed, and the
            // views answer once the Streams apps have their partitions
            List<String> ready = withStreams ? List.of("changeFeeds", "stockReadModel", "orderReadModel")
                    : List.of("changeFeeds");
            ApiClient health = client;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode components = health.get("/health").json().path("components");
                return ready.stream().allMatch(name -> components.path(name).path("status").asText().equals("UP"));
            });
        }
    }

    private ServingApiConfig startStreams(ServingApiConfig config, LocalInfrastructure infrastructure) {
        Settings settings = Settings.of(Map.of(
                CommonKeys.KAFKA_BOOTSTRAP_SERVERS, infrastructure.bootstrapServers(),
                CommonKeys.SCHEMA_REGISTRY_URL, infrastructure.schemaRegistryUrl(),
                CommonKeys.DATA_DIR, Objects.requireNonNull(folder).resolve("streams").toString()));
        SchemaRegistryClient registry = new SchemaRegistryClient(infrastructure.schemaRegistryUrl());
        inventoryStreams = InventoryApplication.create(InventoryStreamsConfig.from(settings), registry);
        inventoryStreams.start();
        orderStreams = OrderStreamsApplication.create(OrderStreamsConfig.from(settings), registry);
        orderStreams.start();
        return config.withQueries(endpoints("inventory-streams", inventoryStreams.queryEndpoint()),
                endpoints("order-streams", orderStreams.queryEndpoint()));
    }

    private static QueryEndpoints endpoints(String app, HostInfo host) {
        return new QueryEndpoints(app, List.of(URI.create("http://" + host.host() + ":" + host.port())));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (topicWriter != null) {
            topicWriter.close();
        }
        if (api != null) {
            api.close();
        }
        if (orderStreams != null) {
            orderStreams.close();
        }
        if (inventoryStreams != null) {
            inventoryStreams.close();
        }
        if (extraInfrastructure != null) {
            extraInfrastructure.close();
        }
        if (sharedPostgres != null && databaseName != null) {
            try (Connection connection = sharedPostgres.postgres().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
            }
        }
    }


    /** order-streams as started by {@link #streams()}. */
    public OrderStreamsApplication orderStreams() {
        return Objects.requireNonNull(orderStreams, "started without streams()");
    }

    /** A client that calls without signing in. */
    public ApiClient client() {
        return Objects.requireNonNull(client, "server not started");
    }

    /** A client signed in as the platform's admin. */
    public ApiClient admin() {
        return client().login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A storefront on this server: builds catalog, stock and customers through the API. */
    public Storefront storefront() {
        return new Storefront(client());
    }

    /** Reads of the test class's database, as the owner. */
    public Db db() {
        return new Db(database());
    }

    public ServingApi api() {
        return Objects.requireNonNull(api, "server not started");
    }

    /** The test class's database, as the owner, for assertions on what the API committed and for test data. */
    public DataSource database() {
        return Objects.requireNonNull(database, "server not started");
    }

    /** The test class's database as the application role, with the rights the API's pool has. */
    public DataSource appDatabase() {
        PGSimpleDataSource owner = (PGSimpleDataSource) database();
        PGSimpleDataSource app = new PGSimpleDataSource();
        app.setUrl(owner.getUrl());
        app.setUser(APP_USER);
        app.setPassword(APP_PASSWORD);
        return app;
    }

    /** Writes to the test's broker as the Streams apps do; opened on first use, closed with the server. */
    public synchronized TopicWriter topicWriter() {
        if (topicWriter == null) {
            topicWriter = new TopicWriter(this);
        }
        return topicWriter;
    }

    public LocalInfrastructure infrastructure() {
        return Objects.requireNonNull(extraInfrastructure, "no Kafka or ClickHouse asked for");
    }

    /** Where the API looks for recommender models. */
    public Path modelsDir() {
        return Objects.requireNonNull(folder, "server not started").resolve("models");
    }

    public void execute(String sql) {
        try (Connection connection = database().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
