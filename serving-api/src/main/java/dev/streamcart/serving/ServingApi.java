package dev.streamcart.serving;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.metrics.MetricsServer;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.alerts.OrderAlertConsumer;
import dev.streamcart.serving.alerts.OrderAlertEndpoints;
import dev.streamcart.serving.alerts.OrderAlertStore;
import dev.streamcart.serving.alerts.StockAlertConsumer;
import dev.streamcart.serving.alerts.StockAlertEndpoints;
import dev.streamcart.serving.alerts.StockAlertStore;
import dev.streamcart.serving.analytics.AnalyticsWiring;
import dev.streamcart.serving.analytics.InventoryAccuracyCheck;
import dev.streamcart.serving.analytics.SalesPerMinute;
import dev.streamcart.serving.auth.AdminAccount;
import dev.streamcart.serving.auth.AuthEndpoints;
import dev.streamcart.serving.auth.AuthSettings;
import dev.streamcart.serving.auth.Authentication;
import dev.streamcart.serving.auth.BearerTokens;
import dev.streamcart.serving.auth.Login;
import dev.streamcart.serving.auth.LoginThrottle;
import dev.streamcart.serving.cart.CartCheckout;
import dev.streamcart.serving.cart.CartEndpoints;
import dev.streamcart.serving.cart.ShoppingCart;
import dev.streamcart.serving.catalog.CatalogEndpoints;
import dev.streamcart.serving.catalog.Categories;
import dev.streamcart.serving.catalog.ProductCache;
import dev.streamcart.serving.catalog.ProductChangeInvalidation;
import dev.streamcart.serving.catalog.Products;
import dev.streamcart.serving.catalog.Sellers;
import dev.streamcart.serving.catalog.Warehouses;
import dev.streamcart.serving.commands.OrderCommandConsumer;
import dev.streamcart.serving.commands.OrderCommandHandler;
import dev.streamcart.serving.db.ApplicationRole;
import dev.streamcart.serving.db.ConnectionPool;
import dev.streamcart.serving.db.Migrations;
import dev.streamcart.serving.db.RetentionSweeper;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.events.KafkaClickstream;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.fraud.FraudSignalSource;
import dev.streamcart.serving.fraud.QueriedFraudSignals;
import dev.streamcart.serving.fraud.StreamVelocitySource;
import dev.streamcart.serving.health.ComponentHealth;
import dev.streamcart.serving.health.HealthCheck;
import dev.streamcart.serving.health.HealthEndpoints;
import dev.streamcart.serving.health.KafkaProbe;
import dev.streamcart.serving.health.OutboxDeadLetters;
import dev.streamcart.serving.health.Probes;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.inventory.InventoryEndpoints;
import dev.streamcart.serving.inventory.StockReceipts;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.limits.ApiLimits;
import dev.streamcart.serving.limits.ClientAddress;
import dev.streamcart.serving.limits.SlidingWindowLimit;
import dev.streamcart.serving.notifications.LoggingNotificationSender;
import dev.streamcart.serving.notifications.NotificationDispatcher;
import dev.streamcart.serving.notifications.NotificationEndpoints;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.metrics.RequestMetrics;
import dev.streamcart.serving.orders.Checkout;
import dev.streamcart.serving.orders.CheckoutOutcomeCounts;
import dev.streamcart.serving.orders.OrderCancellation;
import dev.streamcart.serving.orders.OrderEndpoints;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderOwnership;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.orders.OrderViews;
import dev.streamcart.serving.orders.tracking.UserOrderEndpoints;
import dev.streamcart.serving.orders.tracking.UserOrders;
import dev.streamcart.serving.payments.CardFingerprints;
import dev.streamcart.serving.payments.GatewayRetry;
import dev.streamcart.serving.payments.OrderPayments;
import dev.streamcart.serving.payments.PaymentEndpoints;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.payments.PaymentOutcomeCounts;
import dev.streamcart.serving.payments.PaymentReconciler;
import dev.streamcart.serving.payments.PaymentSettings;
import dev.streamcart.serving.payments.SimulatedPaymentGateway;
import dev.streamcart.serving.pricing.OrderPricing;
import dev.streamcart.serving.photos.LocalPhotoStore;
import dev.streamcart.serving.photos.PhotoEndpoints;
import dev.streamcart.serving.photos.PhotoStore;
import dev.streamcart.serving.payments.risk.PostgresVelocitySource;
import dev.streamcart.serving.payments.risk.RiskScorer;
import dev.streamcart.serving.payments.risk.RiskSignalCollector;
import dev.streamcart.serving.problems.JettyProblemErrorHandler;
import dev.streamcart.serving.problems.ProblemMapper;
import dev.streamcart.serving.recommendations.ModelRepository;
import dev.streamcart.serving.recommendations.PurchaseHistory;
import dev.streamcart.serving.recommendations.RecommendationEndpoints;
import dev.streamcart.serving.recommendations.Recommender;
import dev.streamcart.serving.recommendations.SimilarProducts;
import dev.streamcart.serving.refunds.OrderRefunds;
import dev.streamcart.serving.refunds.RefundEndpoints;
import dev.streamcart.serving.search.ProductSearch;
import dev.streamcart.serving.search.SearchEndpoints;
import dev.streamcart.serving.readmodels.CachedReadModel;
import dev.streamcart.serving.readmodels.QueriedReadModel;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.StreamsQueryClient;
import dev.streamcart.serving.readmodels.TopicChangeFeed;
import dev.streamcart.serving.reviews.ProductReviews;
import dev.streamcart.serving.reviews.ReviewEndpoints;
import dev.streamcart.serving.reviews.ReviewPhotos;
import dev.streamcart.serving.sellers.SellerAdministration;
import dev.streamcart.serving.sellers.SellerDirectory;
import dev.streamcart.serving.sellers.SellerEndpoints;
import dev.streamcart.serving.sellers.SellerOrders;
import dev.streamcart.serving.sellers.SellerSales;
import dev.streamcart.serving.shipping.Fulfilment;
import dev.streamcart.serving.shipping.Shipments;
import dev.streamcart.serving.shipping.ShippingEndpoints;
import dev.streamcart.serving.shipping.ShippingOptions;
import dev.streamcart.serving.stock.StockEndpoints;
import dev.streamcart.serving.stock.StockLevels;
import dev.streamcart.serving.users.PasswordHasher;
import dev.streamcart.serving.users.UserAddresses;
import dev.streamcart.serving.users.UserEndpoints;
import dev.streamcart.serving.users.UserPreferences;
import dev.streamcart.serving.users.UserProfiles;
import dev.streamcart.serving.users.UserRegistration;
import dev.streamcart.serving.web.DeclaredBodySize;
import dev.streamcart.serving.web.JsonMapping;
import dev.streamcart.serving.web.OpenApiDocument;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.SecurityHeaders;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running API: PostgreSQL pool (schema migrated first), the Streams apps' views (asked by
 * interactive queries, hot stock cached and kept current by its change feed), the clickstream
 * producer, ClickHouse reader, recommender models, and the Javalin server on top.
 * {@link #close()} stops the server first, then everything it used, in reverse order of start.
 */
public final class ServingApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingApi.class);
    private static final Duration NOTIFICATION_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CART_SWEEP_INTERVAL = Duration.ofHours(1);
    // ingest-cdc reads events from the WAL, which the replication slot keeps until they are published:
    // the table's copy is only kept this long, for inspection
    private static final Duration OUTBOX_RETENTION = Duration.ofMinutes(15);
    private static final Duration RETENTION_SWEEP_INTERVAL = Duration.ofMinutes(1);
    // payments: a capture or a void that no request finished is taken over after this long (far above a
    // request's gateway retries), looked for this often
    private static final Duration PAYMENT_STALLED_AFTER = Duration.ofMinutes(2);
    private static final Duration PAYMENT_RECONCILE_INTERVAL = Duration.ofSeconds(30);
    // catalog: writes through this API invalidate at once; the TTL bounds rows changed elsewhere
    private static final long PRODUCT_CACHE_SIZE = 100_000;
    private static final Duration PRODUCT_CACHE_TTL = Duration.ofMinutes(5);
    // views: one HTTP hop to the Streams app that owns the key; a slower answer is an outage, not a read
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    // hot stock (about 1 KB a product): bounded whatever the catalogue; the change feed keeps it current,
    // the TTL only covers a feed that stalls
    private static final long STOCK_CACHE_SIZE = 50_000;
    private static final Duration STOCK_CACHE_TTL = Duration.ofMinutes(1);
    // search: totals and facet counts of a filter may be this old (the items never are); 0 turns it off
    private static final Duration SEARCH_FACET_CACHE_TTL =
            Duration.ofMillis(Long.getLong("search.facet-cache-ttl-ms", 5_000));

    // recommendations: at most this many items of one seller in a user's list
    // a user's orders and preferences invalidate their cached taste; the TTL only covers a missed event
    private static final Duration PURCHASES_TTL_WITH_ORDER_VIEWS = Duration.ofMinutes(10);
    // without order views nothing invalidates it: a purchase shows within seconds
    private static final Duration PURCHASES_TTL_WITHOUT_KAFKA = Duration.ofSeconds(5);
    private static final int RECOMMENDATIONS_PER_SELLER = Integer.getInteger("recommendations.max-per-seller", 3);

    /** A route as registered: method and path template, e.g. {@code GET /api/orders/{id}}. */
    public record Route(String method, String path) {}

    private final Deque<AutoCloseable> resources;
    private final Javalin server;
    private final List<Route> routes;
    private final Map<Route, Set<String>> routeRoles;
    private final AnalyticsWiring analytics;
    private final OrderCommandHandler orderCommands;
    private final PaymentReconciler paymentReconciler;
    private final MetricsServer metricsServer;

    private ServingApi(Deque<AutoCloseable> resources, Javalin server, List<Route> routes, Map<Route, Set<String>> routeRoles,
                       AnalyticsWiring analytics, OrderCommandHandler orderCommands, PaymentReconciler paymentReconciler,
                       MetricsServer metricsServer) {
        this.metricsServer = metricsServer;
        this.resources = resources;
        this.server = server;
        this.routes = routes;
        this.routeRoles = routeRoles;
        this.analytics = analytics;
        this.orderCommands = orderCommands;
        this.paymentReconciler = paymentReconciler;
    }

    public static ServingApi start(ServingApiConfig config) {
        return start(config, new SimulatedPaymentGateway(config.payments().simulatorLatency()));
    }

    /** Starts with a given payment provider (the simulator unless a real one is plugged in). */
    public static ServingApi start(ServingApiConfig config, PaymentGateway gateway) {
        Objects.requireNonNull(config, "config");
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return wire(config, gateway, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static ServingApi wire(ServingApiConfig config, PaymentGateway gateway, Deque<AutoCloseable> resources) {
        ObjectMapper json = JsonMapping.newObjectMapper();
        RequestBodies bodies = new RequestBodies(json);

        // metrics first: the pool and every part below record into the registry from their start. They are
        // served on a management port of their own (127.0.0.1 by default), never on the public API port.
        ServiceMetrics metrics = ServiceMetrics.forService("serving-api");
        resources.push(metrics);
        MetricsServer metricsServer = MetricsServer.start(config.metrics(), metrics, "serving-api");
        resources.push(metricsServer);

        // The schema and the application role as the owner; then the pool as that role, which can
        // read and write rows but change no schema.
        Migrations.apply(config.database());
        ApplicationRole.prepare(config.database());
        HikariDataSource dataSource = ConnectionPool.open(config.database(), metrics.registry());
        resources.push(dataSource);
        Transactions transactions = new Transactions(dataSource);

        // What the API serves: stock through a bounded cache of hot products; the accuracy check
        // compares PostgreSQL with the Streams app itself, so it reads around that cache.
        ReadModel<StockLevel> stockView = ReadModel.disabled();
        ReadModel<StockLevel> stockSource = ReadModel.disabled();
        ReadModel<OrderView> orderView = ReadModel.disabled();
        @Nullable StreamsQueryClient orderQueries = null;
        List<TopicChangeFeed<?>> changeFeeds = new ArrayList<>();
        ProductCache productCache = new ProductCache(PRODUCT_CACHE_SIZE, PRODUCT_CACHE_TTL);
        // The payment risk check reads it; no signals without order-streams (PostgreSQL counts instead).
        FraudSignalSource fraudSignals = FraudSignalSource.none();
        Clickstream clickstream = Clickstream.disabled();
        KafkaProbe kafkaProbe = null;
        @Nullable OutboxDeadLetters deadLetters = null;
        PurchaseHistory purchases = new PurchaseHistory(transactions,
                config.kafkaEnabled() ? PURCHASES_TTL_WITH_ORDER_VIEWS : PURCHASES_TTL_WITHOUT_KAFKA);
        if (config.kafkaEnabled()) {
            String bootstrap = Objects.requireNonNull(config.kafkaBootstrapServers());
            SchemaRegistryClient registry = new SchemaRegistryClient(Objects.requireNonNull(config.schemaRegistryUrl()));
            if (config.inventoryQueries() != null) {
                StreamsQueryClient inventoryQueries = new StreamsQueryClient(config.inventoryQueries(), QUERY_TIMEOUT);
                resources.push(inventoryQueries);
                stockSource = new QueriedReadModel<>(inventoryQueries, "stock", StockLevel.class);
                TopicChangeFeed<StockLevel> stockChanges = new TopicChangeFeed<>(Topics.STOCK_LEVELS, bootstrap, registry);
                resources.push(stockChanges);
                CachedReadModel<StockLevel> hotStock = new CachedReadModel<>(stockSource, stockChanges::isLive,
                        level -> level.getUpdatedAt().toEpochMilli(), STOCK_CACHE_SIZE, STOCK_CACHE_TTL);
                changeFeeds.add(stockChanges.onChange(hotStock::isCached, hotStock::changed).start());
                stockView = hotStock;
            } else {
                LOG.warn("no {} configured: stock levels are disabled", ServingApiConfig.INVENTORY_QUERY_URLS);
            }
            if (config.orderQueries() != null) {
                orderQueries = new StreamsQueryClient(config.orderQueries(), QUERY_TIMEOUT);
                resources.push(orderQueries);
                orderView = new QueriedReadModel<>(orderQueries, "orders", OrderView.class);
                fraudSignals = new QueriedFraudSignals(new QueriedReadModel<>(orderQueries, "fraud-signals",
                        dev.streamcart.schemas.fraud.FraudSignals.class));
            } else {
                LOG.warn("no {} configured: order views and fraud signals are disabled", ServingApiConfig.ORDER_QUERY_URLS);
            }
            // A new order view means its buyer's purchases may have changed: drop their cached taste.
            TopicChangeFeed<OrderView> orderChanges = new TopicChangeFeed<>(Topics.ORDER_VIEWS, bootstrap, registry);
            resources.push(orderChanges);
            changeFeeds.add(orderChanges.onChange(purchases::orderChanged).start());
            // A product changed by another API instance or by hand in SQL reaches every instance's
            // cache through CDC within the pipeline's lag, instead of only at the cache's expiry.
            TopicChangeFeed<ProductChanged> productChanges =
                    new TopicChangeFeed<>(Topics.PRODUCT_CHANGES, bootstrap, registry);
            resources.push(productChanges);
            changeFeeds.add(productChanges.onChange(new ProductChangeInvalidation(productCache)).start());
            clickstream = new KafkaClickstream(bootstrap, registry);
            resources.push(clickstream);
            kafkaProbe = new KafkaProbe(bootstrap);
            resources.push(kafkaProbe);
            deadLetters = new OutboxDeadLetters(bootstrap);
            resources.push(deadLetters);
            // stock alerts: stored for the dashboard, and notified to the product's seller
            resources.push(new StockAlertConsumer(bootstrap, registry, transactions).start());
            // order SLA breaches and anomalies: stored for operators, late orders notified to their sellers
            resources.push(new OrderAlertConsumer(bootstrap, registry, transactions).start());
        } else {
            LOG.warn("no kafka.bootstrap-servers configured: stock and order views, and the clickstream, are disabled");
        }

        // analytics: KPI reports from ClickHouse, the dashboard's live stream, inventory accuracy checks
        AnalyticsWiring analytics = AnalyticsWiring.start(config.clickHouse(), config.kafkaBootstrapServers(),
                transactions, stockSource, json, InventoryAccuracyCheck.interval(
                        Settings.fromEnvironment().find(InventoryAccuracyCheck.INTERVAL_KEY)), config.limits().streams(),
                resources);
        SalesPerMinute sales = analytics.salesPerMinute();

        ModelRepository models = new ModelRepository(config.modelsDir());
        resources.push(models);
        models.start(config.modelCheckInterval());

        PasswordHasher hasher = new PasswordHasher(config.bcryptRounds());
        AuthSettings auth = config.auth();
        BearerTokens tokens = new BearerTokens(transactions, auth.tokenTimeToLive(), Clock.systemUTC());
        if (auth.adminPassword() != null) {
            AdminAccount.ensure(transactions, hasher, auth.adminEmail(), auth.adminPassword().toCharArray());
        } else {
            LOG.warn("no auth.admin.password configured: no admin account is created");
        }
        ApiLimits limits = config.limits();
        ClientAddress clientAddress = new ClientAddress(limits.trustedProxies());
        Login login = new Login(transactions, hasher, tokens, new LoginThrottle(limits.login(), Clock.systemUTC()));
        SlidingWindowLimit registrations = new SlidingWindowLimit("sign-ups", limits.registration().maxPerClient(),
                limits.registration().window(), Clock.systemUTC());
        Authentication authentication = new Authentication(tokens);
        OrderOwnership ownership = new OrderOwnership(transactions);

        StockLevels stockLevels = new StockLevels(stockView);
        OrderViews orderViews = new OrderViews(orderView);
        OrderRepository orderRepository = new OrderRepository();
        StockReservations reservations = new StockReservations();
        OrderEvents orderEvents = new OrderEvents(new OutboxWriter(json));
        IdempotentRequests idempotent = new IdempotentRequests(transactions);
        FraudSignalSource streamedFraudSignals = fraudSignals; // effectively final, for the lambda below
        // payments: authorise and capture through the gateway (timeouts retried), risk score before any charge;
        // short transactions around each gateway call, never one holding the order's row lock
        PaymentSettings paymentSettings = config.payments();
        OrderPayments payments = new OrderPayments(transactions, idempotent, orderRepository, reservations,
                new OutboxWriter(json), json, gateway,
                new GatewayRetry(paymentSettings.gatewayAttempts(), paymentSettings.firstBackoff()),
                new CardFingerprints(paymentSettings.fingerprintSecret()),
                new RiskSignalCollector(connection -> new StreamVelocitySource(streamedFraudSignals,
                        new PostgresVelocitySource(connection))),
                new RiskScorer(paymentSettings.riskThreshold(), paymentSettings.highAmount()));

        PaymentReconciler paymentReconciler = new PaymentReconciler(payments, PAYMENT_STALLED_AFTER)
                .start(PAYMENT_RECONCILE_INTERVAL);
        resources.push(paymentReconciler);
        OrderCancellation cancellation = new OrderCancellation(orderRepository, reservations, orderEvents, payments);
        OrderCommandHandler orderCommands = new OrderCommandHandler(transactions, cancellation);
        // order-streams' commands (payment expiry), applied in PostgreSQL
        if (config.kafkaEnabled()) {
            OrderCommandConsumer commands = new OrderCommandConsumer(Objects.requireNonNull(config.kafkaBootstrapServers()),
                    new SchemaRegistryClient(Objects.requireNonNull(config.schemaRegistryUrl())), orderCommands);
            resources.push(commands);
            commands.start();
        }
        ProblemMapper problems = new ProblemMapper(json);
        NotificationDispatcher notificationDispatcher =
                new NotificationDispatcher(transactions, new LoggingNotificationSender());
        resources.push(notificationDispatcher);
        notificationDispatcher.start(NOTIFICATION_POLL_INTERVAL);

        // checkout and carts
        // abandoned carts (with their items, by cascade) once expired; the owner never sees an expired one anyway
        resources.push(new RetentionSweeper(transactions, "shopping_carts", "expires_at", Duration.ZERO, Clock.systemUTC())
                .start(CART_SWEEP_INTERVAL));
        // the outbox and the idempotency keys only gain rows: keep them to their retention
        resources.push(new RetentionSweeper(transactions, "outbox", "created_at", OUTBOX_RETENTION, Clock.systemUTC())
                .start(RETENTION_SWEEP_INTERVAL));
        resources.push(new RetentionSweeper(transactions, "idempotency_keys", "created_at",
                IdempotentRequests.RETENTION, Clock.systemUTC()).start(RETENTION_SWEEP_INTERVAL));
        Checkout checkout = new Checkout(orderRepository, reservations, orderEvents,
                new OrderPricing(new ShippingOptions(transactions, Clock.systemUTC())), config.limits().orders());
        CheckoutOutcomeCounts checkoutOutcomes = new CheckoutOutcomeCounts(metrics.registry());
        PhotoStore photoStore = new LocalPhotoStore(config.photosDir());

        ApiRoutes api = new ApiRoutes(
                new HealthEndpoints(healthChecks(config, dataSource, kafkaProbe, deadLetters, stockView, orderView, changeFeeds,
                        sales, models)),
                new AuthEndpoints(bodies, login, tokens, clientAddress),
                new CatalogEndpoints(bodies, new Sellers(transactions), new Categories(transactions),
                        new Warehouses(transactions), new Products(transactions, json, new OutboxWriter(json)),
                        productCache, stockLevels, clickstream,
                        tokens::forgetUser),
                new InventoryEndpoints(bodies, new StockReceipts(transactions)),
                new UserEndpoints(bodies, new UserRegistration(transactions, hasher), registrations, clientAddress, new UserProfiles(transactions),
                        new UserAddresses(transactions), new UserPreferences(transactions, purchases::forget)),
                new OrderEndpoints(bodies, json, transactions, idempotent,
                        checkout,
                        cancellation, orderViews, ownership, clickstream, checkoutOutcomes),
                new UserOrderEndpoints(new UserOrders(orderQueries)),
                new PaymentEndpoints(bodies, json, payments, problems, ownership, new PaymentOutcomeCounts(metrics.registry())),
                new StockEndpoints(stockLevels),
                new ShippingEndpoints(bodies, json, transactions, idempotent,
                        new ShippingOptions(transactions, Clock.systemUTC()),
                        new Fulfilment(orderRepository, reservations, new Shipments(), orderEvents), ownership),
                new RefundEndpoints(bodies, json, new OrderRefunds(transactions, idempotent, orderRepository, reservations, orderEvents,
                        gateway), ownership),
                new NotificationEndpoints(new Notifications(transactions)),
                recommendations(models, transactions, purchases, stockLevels, clickstream),
                analytics.endpoints(),
                new OpenApiDocument(),
                new StockAlertEndpoints(new StockAlertStore(transactions)),
                new OrderAlertEndpoints(new OrderAlertStore(transactions)),
                new CartEndpoints(bodies, json, transactions, idempotent, new ShoppingCart(transactions),
                        new CartCheckout(checkout), clickstream, checkoutOutcomes),
                // reviews, photos and sellers
                new ReviewEndpoints(bodies, new ProductReviews(transactions), new ReviewPhotos(transactions, photoStore)),
                new PhotoEndpoints(photoStore),
                new SellerEndpoints(bodies, new SellerDirectory(transactions), new SellerAdministration(transactions),
                        new SellerOrders(transactions), new SellerSales(transactions), Clock.systemUTC()),
                new SearchEndpoints(new ProductSearch(transactions, SEARCH_FACET_CACHE_TTL), clickstream),
                new WriteAdmission(config.admission()));

        List<Route> routes = new CopyOnWriteArrayList<>();
        Map<Route, Set<String>> routeRoles = new ConcurrentHashMap<>();
        Javalin server = Javalin.create(cfg -> {
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = DeclaredBodySize.JSON_BYTES;
            cfg.staticFiles.enableWebjars(); // Swagger UI's scripts and styles for /docs, from the classpath
            cfg.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyProblemErrorHandler(problems)));
            cfg.events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) {
                    Route route = new Route(meta.getHttpMethod().name(), meta.getPath());
                    routes.add(route);
                    routeRoles.put(route, meta.getRoles().stream()
                            .map(role -> role.toString().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
                }
            });
            // every answer, static files included; HTML pages then set their own policy
            // per-route count and latency, from the first before handler to the after handlers (which run for
            // refusals and unknown paths too)
            RequestMetrics requestMetrics = new RequestMetrics(metrics.registry());
            cfg.routes.before(requestMetrics::start);
            cfg.routes.after(requestMetrics::record);
            cfg.routes.before(SecurityHeaders::apply);
            cfg.routes.beforeMatched(DeclaredBodySize::check);
            cfg.routes.beforeMatched(authentication::handle);
            api.declare(cfg.routes);
            problems.register(cfg.routes);
        });
        resources.push(server::stop);
        resources.push(analytics::closeStreams); // before the server stops: an open event stream would hold it up
        server.start();
        LOG.info("serving-api listening on http://{}:{}", config.host(), server.port());
        return new ServingApi(resources, server, List.copyOf(routes), Map.copyOf(routeRoles), analytics, orderCommands,
                paymentReconciler, metricsServer);
    }

    /** Recommendations: per-user scoring, similar products, A/B impressions on the clickstream. */
    private static RecommendationEndpoints recommendations(ModelRepository models, Transactions transactions,
                                                           PurchaseHistory purchases, StockLevels stock,
                                                           Clickstream clickstream) {
        Recommender recommender = new Recommender(models, transactions, purchases, stock, RECOMMENDATIONS_PER_SELLER,
                Clock.systemUTC());
        return new RecommendationEndpoints(recommender, new SimilarProducts(models, recommender, transactions), models,
                clickstream);
    }

    private static List<HealthCheck> healthChecks(ServingApiConfig config, HikariDataSource dataSource,
                                                  @Nullable KafkaProbe kafka, @Nullable OutboxDeadLetters deadLetters,
                                                  ReadModel<StockLevel> stock,
                                                  ReadModel<OrderView> orders, List<TopicChangeFeed<?>> changeFeeds,
                                                  @Nullable SalesPerMinute sales,
                                                  ModelRepository models) {
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new HealthCheck("postgres", true, () -> Probes.postgres(dataSource)));
        checks.add(new HealthCheck("kafka", true, () -> kafka == null
                ? ComponentHealth.disabled("no kafka.bootstrap-servers configured") : kafka.check()));
        // not required: a parked outbox row needs an operator, but the API itself still serves
        checks.add(new HealthCheck("deadLetters", false, () -> deadLetters == null
                ? ComponentHealth.disabled("no kafka.bootstrap-servers configured") : deadLetters.check()));
        checks.add(new HealthCheck("stockReadModel", true, stock::health));
        checks.add(new HealthCheck("orderReadModel", true, orders::health));
        // not required: until the feeds follow their topics, caches are bypassed or bounded by their TTL
        checks.add(new HealthCheck("changeFeeds", false, () -> changeFeeds.isEmpty()
                ? ComponentHealth.disabled("no Kafka configured")
                : changeFeeds.stream().allMatch(TopicChangeFeed::isLive)
                        ? ComponentHealth.up(changeFeeds.size() + " topics followed")
                        : ComponentHealth.down("not yet following every change topic")));
        checks.add(new HealthCheck("clickhouse", true, () -> sales == null
                ? ComponentHealth.disabled("no clickhouse.url configured")
                : sales.ping() ? ComponentHealth.up() : ComponentHealth.down("no answer to ping at "
                        + Objects.requireNonNull(config.clickHouse()).url())));
        checks.add(new HealthCheck("recommender", false, () -> Probes.recommender(models)));
        return checks;
    }

    /** The port the server listens on (the real one when configured with 0). */
    /** Dashboard streams holding a place under the caps of {@code api.limits.streams.*} (0 without ClickHouse). */
    public int openDashboardStreams() {
        return analytics.stream() == null ? 0 : analytics.stream().openStreams();
    }

    public int port() {
        return server.port();
    }

    /** The management port serving {@code GET /metrics} (the real one when configured with 0). */
    public int metricsPort() {
        return metricsServer.port();
    }

    /**
     * Applies order-streams' commands (what the {@code order-commands} consumer calls, when Kafka is
     * configured); a test without Kafka applies a payment expiry through it.
     */
    public OrderCommandHandler orderCommands() {
        return orderCommands;
    }

    /** Finishes captures and voids no request came back to (in the background; a test runs a pass itself). */
    public PaymentReconciler paymentReconciler() {
        return paymentReconciler;
    }

    /** Every HTTP route the server registered. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The roles each route admits, as declared in {@code ApiRoutes} ({@code "customer"}, {@code "seller"},
     * {@code "admin"}); empty for a public route. The OpenAPI document's {@code x-roles} are held to it.
     */
    public Map<Route, Set<String>> routeRoles() {
        return routeRoles;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("failure while closing {}: {}", resource, e.toString());
            }
        }
    }
}
