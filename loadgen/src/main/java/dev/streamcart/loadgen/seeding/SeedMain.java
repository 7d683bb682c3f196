package dev.streamcart.loadgen.seeding;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.users.PasswordHasher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./platform seed}: writes a generated marketplace (catalog, customers, a history of orders
 * with their events, and the clicks that led to them) into a running platform, in bulk, so that
 * the whole pipeline receives it. Everything is checked before the first row is written: the
 * sizes, that the platform answers, and that the disk can hold the result.
 *
 * <p>Exit codes: 0 done, 1 failed while writing, 2 refused (bad input, no running platform, not
 * enough disk) with nothing written.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Seeds a running platform with a generated marketplace (./platform up --no-traffic first).")
public final class SeedMain implements Callable<Integer> {

    public static final int REFUSED = 2;
    /** The password every seeded customer signs in with. */
    public static final String SHOPPER_PASSWORD = "seeded-shopper-1";

    @Option(names = "--profile", description = "smoke (2k products, 2k users, 10k orders) or large (1M, 1M, 2M over 7 days);"
            + " --products/--users/--orders/--days override it.")
    @Nullable String profile;

    @Option(names = "--products", description = "Products (1 to " + SeedSize.MAX_PRODUCTS + ").")
    @Nullable Long products;

    @Option(names = "--users", description = "Customers (1 to " + SeedSize.MAX_USERS + ").")
    @Nullable Long users;

    @Option(names = "--orders", description = "Orders (0 to " + SeedSize.MAX_ORDERS + ").")
    @Nullable Long orders;

    @Option(names = "--days", description = "Days of order history, ending now (1 to " + SeedSize.MAX_DAYS + "; default 7).")
    @Nullable Integer days;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same data. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--until", description = "End of the order history, an ISO-8601 instant such as 2026-12-01T12:00:00Z"
            + " (default: now). With the same --seed and --until two seeds write the same rows, timestamps included.")
    @Nullable String until;

    @Option(names = "--data-dir", defaultValue = ".platform-data",
            description = "The platform's data folder, whose file system must hold the seed. Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of(".platform-data");

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private @Nullable SeedReport report;

    public SeedMain(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        ParentWatchdog.watch(Long.getLong(CommonKeys.PARENT_PID, 0L));
        System.exit(new SeedMain(Settings.fromEnvironment(), System.out, System.err).commandLine().execute(args));
    }

    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        // a mistyped option is bad input too: exit code 2, nothing written
        commandLine.setParameterExceptionHandler((exception, args) -> {
            err.println("seed: " + exception.getMessage());
            return REFUSED;
        });
        return commandLine;
    }

    /** The report of the last successful run, for in-process callers (tests). */
    public @Nullable SeedReport report() {
        return report;
    }

    @Override
    public Integer call() {
        SeedSize size;
        try {
            size = size();
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        List<String> problems = size.problems();
        if (!problems.isEmpty()) {
            return refuse(String.join("; ", problems));
        }
        Instant end;
        try {
            end = until == null ? MarketplaceSeeder.endOfHistory(Instant.now()) : Instant.parse(until.trim());
        } catch (DateTimeParseException e) {
            return refuse("--until must be an ISO-8601 instant such as 2026-12-01T12:00:00Z, was '" + until + "'");
        }
        DiskEstimate disk = DiskEstimate.of(size);
        long free = DiskEstimate.freeBytes(dataDir);
        if (!disk.fitsIn(free)) {
            return refuse("not enough disk: this seed needs about " + DiskEstimate.gigabytes(disk.bytes()) + " plus "
                    + DiskEstimate.gigabytes(DiskEstimate.HEADROOM_BYTES) + " headroom, and " + dataDir.toAbsolutePath()
                    + " has " + DiskEstimate.gigabytes(free) + " free");
        }
        String jdbcUrl = settings.find(CommonKeys.JDBC_URL);
        String bootstrapServers = settings.find(CommonKeys.KAFKA_BOOTSTRAP_SERVERS);
        String registryUrl = settings.find(CommonKeys.SCHEMA_REGISTRY_URL);
        if (jdbcUrl == null || bootstrapServers == null || registryUrl == null) {
            return refuse("no running platform: start it with ./platform up --no-traffic, then run ./platform seed");
        }
        Connection connection;
        try {
            connection = connect(jdbcUrl);
        } catch (SQLException e) {
            return refuse("no running platform: PostgreSQL at " + jdbcUrl + " does not answer (" + e.getMessage()
                    + "); start it with ./platform up --no-traffic");
        }
        try (connection) {
            String missing = missingSchema(connection);
            if (missing != null) {
                return refuse("PostgreSQL at " + jdbcUrl + " has no " + missing + " table: the platform's migrations have not run");
            }
            String kafkaProblem = kafkaProblem(bootstrapServers);
            if (kafkaProblem != null) {
                return refuse("no running platform: " + kafkaProblem);
            }
            out.println(String.format(Locale.ROOT, "seed: %,d products, %,d users, %,d orders over %d days, seed %d "
                    + "(about %s on disk, %s free)", size.products(), size.users(), size.orders(), size.days(), size.seed(),
                    DiskEstimate.gigabytes(disk.bytes()), DiskEstimate.gigabytes(free)));
            PriceList prices = PriceList.read(connection);
            String passwordHash = new PasswordHasher(10).hash(SHOPPER_PASSWORD.toCharArray());
            MarketplaceGenerator generator = new MarketplaceGenerator(size, end,
                    prices, passwordHash, Instant::now, new OutboxEncoder(new SchemaRegistryClient(registryUrl)));
            SeedProgress progress = new SeedProgress(out, System::nanoTime);
            try (KafkaClickSink clicks = new KafkaClickSink(bootstrapServers, registryUrl)) {
                report = new MarketplaceSeeder(generator).seed(connection, clicks, progress);
            }
            report.lines().forEach(line -> out.println("seed: " + line));
            out.println("seed: every seeded customer signs in with the password " + SHOPPER_PASSWORD);
            return 0;
        } catch (SQLException | RuntimeException e) {
            err.println("seed: failed: " + e);
            return 1;
        }
    }

    private SeedSize size() {
        SeedSize base = profile == null ? new SeedSize(0, 0, 0, 7, seed) : profile(profile).size(seed);
        if (profile == null && (products == null || users == null || orders == null)) {
            throw new IllegalArgumentException("give --profile smoke|large, or all of --products, --users and --orders");
        }
        return new SeedSize(products != null ? products : base.products(), users != null ? users : base.users(),
                orders != null ? orders : base.orders(), days != null ? days : base.days(), seed);
    }

    private static SeedProfile profile(String name) {
        try {
            return SeedProfile.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile must be smoke or large, was '" + name + "'", e);
        }
    }

    private int refuse(@Nullable String reason) {
        err.println("seed: " + reason + "; nothing was written");
        return REFUSED;
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.get(CommonKeys.JDBC_USER, "postgres"));
        properties.setProperty("password", settings.get(CommonKeys.JDBC_PASSWORD, "postgres"));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static @Nullable String missingSchema(Connection connection) throws SQLException {
        for (String table : List.of("outbox", "orders", "inventory", "tax_rates", "carrier_rates")) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, table);
                try (ResultSet row = exists.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        return table;
                    }
                }
            }
        }
        return null;
    }

    private static @Nullable String kafkaProblem(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            if (!topics.contains(Topics.CLICKSTREAM.name())) {
                return "Kafka at " + bootstrapServers + " has no " + Topics.CLICKSTREAM.name() + " topic";
            }
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return "Kafka at " + bootstrapServers + " does not answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reaching Kafka";
        }
    }
}
