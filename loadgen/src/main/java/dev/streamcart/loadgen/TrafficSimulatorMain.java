package dev.streamcart.loadgen;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.api.ApiReadiness;
import dev.streamcart.loadgen.api.ShopperLogins;
import dev.streamcart.loadgen.behaviour.BehaviourSettings;
import dev.streamcart.loadgen.behaviour.RecommendationShares;
import dev.streamcart.loadgen.behaviour.ShopperModel;
import dev.streamcart.loadgen.behaviour.TrafficProfile;
import dev.streamcart.loadgen.catalog.Catalog;
import dev.streamcart.loadgen.catalog.CatalogBootstrap;
import dev.streamcart.loadgen.catalog.CatalogLoader;
import dev.streamcart.loadgen.catalog.CatalogStore;
import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.loadgen.pacing.Ticker;
import dev.streamcart.loadgen.stats.TrafficTotals;
import dev.streamcart.loadgen.traffic.RunSettings;
import dev.streamcart.loadgen.traffic.TrafficRun;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Simulated storefront traffic against the HTTP API: creates (or reuses) a catalog, then runs
 * virtual shoppers who browse, check out, pay, get declined and cancel, at a target order rate.
 * Prints {@code STREAMCART READY loadgen} when traffic starts, a status line every 5 s, and the
 * totals when it ends (duration, max orders, or SIGTERM).
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulated storefront traffic (searches, browsing, carts, checkouts, payments, declines,"
                + " cancellations, fulfilment, refunds, reviews) against the StreamCart API.")
public final class TrafficSimulatorMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficSimulatorMain.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @Option(names = "--api-url", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the API (config loadgen.api-url). Default: ${DEFAULT-VALUE}")
    URI apiUrl = URI.create("http://127.0.0.1:8080");

    @Option(names = "--data-dir", defaultValue = ".platform-data",
            description = "Platform data folder; the catalog is kept in <data-dir>/loadgen (config platform.data-dir)."
                    + " Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of(".platform-data");

    @Option(names = "--profile", defaultValue = "normal", converter = ProfileConverter.class,
            description = "normal or black-friday (4x the rate, 2x the conversion). Default: ${DEFAULT-VALUE}")
    TrafficProfile profile = TrafficProfile.NORMAL;

    @Option(names = "--orders-per-second", defaultValue = "5",
            description = "Target checkouts per second, before the profile's multiplier. Default: ${DEFAULT-VALUE}")
    double ordersPerSecond = 5;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (90s, 10m, 2h). Default: until stopped")
    @Nullable Duration duration;

    @Option(names = "--max-orders", defaultValue = "0",
            description = "Stop after this many placed orders (0: no limit). Default: ${DEFAULT-VALUE}")
    long maxOrders;

    @Option(names = "--workers", defaultValue = "0",
            description = "Virtual-user threads (0: sized from the rate). Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--think-time", defaultValue = "250ms", converter = DurationConverter.class,
            description = "Mean pause between two clicks of a shopper. Default: ${DEFAULT-VALUE}")
    Duration thinkTime = Duration.ofMillis(250);

    @Option(names = "--fresh-catalog", description = "Create a new catalog even if one is saved.")
    boolean freshCatalog;

    @Option(names = "--products", defaultValue = "200",
            description = "Products of a new catalog. Default: ${DEFAULT-VALUE}")
    int products = 200;

    @Option(names = "--users", defaultValue = "300",
            description = "Shoppers of a new catalog. Default: ${DEFAULT-VALUE}")
    int users = 300;

    @Option(names = "--conversion", defaultValue = "0.3",
            description = "Share of sessions that check out, before the profile's multiplier. Default: ${DEFAULT-VALUE}")
    double conversion = 0.3;

    @Option(names = "--decline-share", defaultValue = "0.05",
            description = "Share of payments made with the declined test card. Default: ${DEFAULT-VALUE}")
    double declineShare = 0.05;

    @Option(names = "--cancel-share", defaultValue = "0.03",
            description = "Share of placed orders cancelled instead of paid. Default: ${DEFAULT-VALUE}")
    double cancelShare = 0.03;

    @Option(names = "--replay-share", defaultValue = "0.02",
            description = "Share of checkouts and payments retried with the same Idempotency-Key."
                    + " Default: ${DEFAULT-VALUE}")
    double replayShare = 0.02;

    @Option(names = "--cart-share", defaultValue = "0.9",
            description = "Share of checkouts that go through the cart (add items, quote, checkout) instead of"
                    + " POST /api/orders. Default: ${DEFAULT-VALUE}")
    double cartShare = 0.9;

    @Option(names = "--search-share", defaultValue = "0.35",
            description = "Share of sessions that search before viewing products. Default: ${DEFAULT-VALUE}")
    double searchShare = 0.35;

    @Option(names = "--recommendation-purchase-share", defaultValue = "0.25",
            description = "Share of opened recommendations the shopper adds to the cart (?rec=variant) and buys,"
                    + " so the A/B report gets purchases per variant. Default: ${DEFAULT-VALUE}")
    double recommendationPurchaseShare = 0.25;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the shoppers' decisions (0: a new one each run). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--report-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often a status line is printed. Default: ${DEFAULT-VALUE}")
    Duration reportInterval = Duration.ofSeconds(5);

    @Option(names = "--restock-interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often low stock is replenished. Default: ${DEFAULT-VALUE}")
    Duration restockInterval = Duration.ofSeconds(5);

    @Option(names = "--api-wait", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long to wait for GET /health to answer 200. Default: ${DEFAULT-VALUE}")
    Duration apiWait = Duration.ofSeconds(120);

    @Option(names = "--bootstrap-parallelism", defaultValue = "4",
            description = "Parallel requests while creating a catalog. Default: ${DEFAULT-VALUE}")
    int bootstrapParallelism = 4;

    @Option(names = "--admin-email", defaultValue = "admin@streamcart.local",
            description = "The operator account that builds the catalog, restocks and ships (auth.admin.email). "
                    + "Default: ${DEFAULT-VALUE}")
    String adminEmail = "admin@streamcart.local";

    @Option(names = "--admin-password",
            description = "Its password (auth.admin.password, AUTH_ADMIN_PASSWORD); ./platform up passes it on.")
    @Nullable String adminPassword;

    private final Settings settings;
    private final PrintStream out;
    private final boolean installShutdownHook;
    private volatile @Nullable TrafficTotals totals;

    /** The process entry point's constructor: real settings, stdout, a SIGTERM hook. */
    public TrafficSimulatorMain() {
        this(Settings.fromEnvironment(), System.out, true);
    }

    /** For running in-process (tests): given settings and output, no shutdown hook. */
    public TrafficSimulatorMain(Settings settings, PrintStream out, boolean installShutdownHook) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
        this.installShutdownHook = installShutdownHook;
    }

    public static void main(String[] args) {
        TrafficSimulatorMain main = new TrafficSimulatorMain();
        System.exit(main.commandLine().execute(args));
    }

    /** A command line bound to this instance, with configuration as the source of defaults. */
    public CommandLine commandLine() {
        return new CommandLine(this).setDefaultValueProvider(new SettingsDefaults(settings));
    }

    /** Totals of the last run, once it has ended. */
    public @Nullable TrafficTotals totals() {
        return totals;
    }

    @Override
    public Integer call() throws InterruptedException {
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        long effectiveSeed = seed != 0 ? seed : System.nanoTime();
        SplittableRandom random = new SplittableRandom(effectiveSeed);
        BehaviourSettings behaviour;
        RunSettings runSettings;
        try {
            behaviour = behaviourSettings();
            runSettings = runSettings(behaviour, random.nextLong());
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            return 2;
        }
        if (adminPassword == null || adminPassword.isBlank()) {
            System.err.println("loadgen: the operator's password is needed: --admin-password or AUTH_ADMIN_PASSWORD");
            return 2;
        }
        StorefrontApiClient anonymous = new StorefrontApiClient(apiUrl, Duration.ofSeconds(30));
        StorefrontApiClient api;
        Catalog catalog;
        try {
            ApiReadiness.await(anonymous, apiWait, Ticker.SYSTEM, new StopSignal());
            String operatorToken = anonymous.login(adminEmail, adminPassword);
            // checking a saved catalog reads products; the operator does that, for nobody in particular
            catalog = prepareCatalog(anonymous.signedIn(operatorToken, userId -> operatorToken), random);
            Map<Long, String> shopperEmails = new HashMap<>();
            catalog.users().forEach(user -> shopperEmails.put(user.id(), user.email()));
            api = anonymous.signedIn(operatorToken,
                    new ShopperLogins(anonymous, shopperEmails, Catalog.SHOPPER_PASSWORD));
        } catch (ApiUnreachableException | ApiProblemException | UncheckedIOException | IllegalStateException e) {
            System.err.println("loadgen: cannot prepare the catalog through " + apiUrl + ": " + e.getMessage());
            LOG.debug("catalog preparation failed", e);
            return 2;
        }
        LOG.info("profile {}: {} orders/s target, conversion {}, {} virtual users, seed {}", profile.cliName(),
                runSettings.ordersPerSecond(), behaviour.conversion(), runSettings.workers(), effectiveSeed);
        totals = runTraffic(new TrafficRun(runSettings, new ShopperModel(catalog, behaviour),
                RecommendationShares.defaults().withBought(recommendationPurchaseShare), api, catalog, out,
                Ticker.SYSTEM));
        return 0;
    }

    private BehaviourSettings behaviourSettings() {
        return BehaviourSettings.defaults()
                .withConversion(conversion)
                .withDeclineShare(declineShare)
                .withCancelShare(cancelShare)
                .withReplayShare(replayShare)
                .withCartShare(cartShare)
                .withSearchShare(searchShare)
                .forProfile(profile);
    }

    private RunSettings runSettings(BehaviourSettings behaviour, long runSeed) {
        double targetRate = ordersPerSecond * profile.rateMultiplier();
        int workerCount = workers > 0 ? workers : WorkerSizing.workersFor(targetRate, behaviour, thinkTime);
        return new RunSettings(workerCount, targetRate, maxOrders, duration, thinkTime, reportInterval,
                restockInterval, runSeed);
    }

    /** Reuses the saved catalog or creates one, as the operator. */
    private Catalog prepareCatalog(StorefrontApiClient api, SplittableRandom random) {
        CatalogLoader loader = new CatalogLoader(api, new CatalogStore(dataDir),
                new CatalogBootstrap(api, bootstrapParallelism));
        return loader.loadOrCreate(freshCatalog, products, users, random);
    }

    /** Announces readiness, runs the traffic to its end, and lets SIGTERM end it cleanly meanwhile. */
    private TrafficTotals runTraffic(TrafficRun run) throws InterruptedException {
        Thread hook = new Thread(() -> stopOnSignal(run), "loadgen-shutdown");
        if (installShutdownHook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        out.println("STREAMCART READY loadgen");
        out.flush();
        run.start();
        TrafficTotals result = run.awaitCompletion();
        if (installShutdownHook) {
            removeHook(hook);
        }
        return result;
    }

    /** SIGTERM: let the virtual users settle their orders, and wait for the totals to be printed. */
    private static void stopOnSignal(TrafficRun run) {
        run.stop();
        try {
            if (!run.awaitFinished(SHUTDOWN_GRACE)) {
                System.err.println("loadgen: virtual users did not stop within " + SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is running or ran
        }
    }

    static final class ProfileConverter implements CommandLine.ITypeConverter<TrafficProfile> {
        @Override
        public TrafficProfile convert(String value) {
            try {
                return TrafficProfile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
