package dev.streamcart.serving;

import java.time.Clock;
import java.time.Duration;
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
import dev.streamcart.schemas.metrics.MetricsServer;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.alerts.AlertsFeature;
import dev.streamcart.serving.analytics.AnalyticsFeature;
import dev.streamcart.serving.auth.AuthFeature;
import dev.streamcart.serving.cart.CartFeature;
import dev.streamcart.serving.catalog.CatalogFeature;
import dev.streamcart.serving.commands.OrderCommandHandler;
import dev.streamcart.serving.db.ApplicationRole;
import dev.streamcart.serving.db.ConnectionPool;
import dev.streamcart.serving.db.Migrations;
import dev.streamcart.serving.db.RetentionSweeper;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.events.KafkaClickstream;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.health.HealthFeature;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.inventory.InventoryFeature;
import dev.streamcart.serving.metrics.RequestMetrics;
import dev.streamcart.serving.notifications.NotificationsFeature;
import dev.streamcart.serving.orders.OrderStorage;
import dev.streamcart.serving.orders.OrdersFeature;
import dev.streamcart.serving.orders.tracking.OrderTrackingFeature;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.payments.PaymentReconciler;
import dev.streamcart.serving.payments.PaymentsFeature;
import dev.streamcart.serving.payments.SimulatedPaymentGateway;
import dev.streamcart.serving.photos.PhotosFeature;
import dev.streamcart.serving.problems.JettyProblemErrorHandler;
import dev.streamcart.serving.problems.ProblemMapper;
import dev.streamcart.serving.readmodels.PossiblyStaleReads;
import dev.streamcart.serving.recommendations.RecommendationsFeature;
import dev.streamcart.serving.refunds.RefundsFeature;
import dev.streamcart.serving.reviews.ReviewsFeature;
import dev.streamcart.serving.search.SearchFeature;
import dev.streamcart.serving.sellers.SellersFeature;
import dev.streamcart.serving.shipping.ShippingFeature;
import dev.streamcart.serving.stock.StockFeature;
import dev.streamcart.serving.users.UsersFeature;
import dev.streamcart.serving.web.DeclaredBodySize;
import dev.streamcart.serving.web.JsonMapping;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.SecurityHeaders;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.KafkaConnection;
import dev.streamcart.serving.wiring.Lifecycle;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running API, composed of its features: the shared infrastructure is built once (metrics, the
 * PostgreSQL pool with the schema migrated first, the outbox writer, the Kafka connection with its
 * one schema registry client, the clickstream producer), then each feature builds its own parts on
 * it and records what it starts in one {@link Lifecycle}, and the Javalin server goes on top with
 * every feature's routes. {@link #close()} ends the dashboard's open streams, stops the server, then
 * everything else in reverse order of start.
 */
public final class ServingApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingApi.class);
    // ingest-cdc reads events from the WAL, which the replication slot keeps until they are published:
    // the table's copy is only kept this long, for inspection
    private static final Duration OUTBOX_RETENTION = Duration.ofMinutes(15);
    private static final Duration RETENTION_SWEEP_INTERVAL = Duration.ofMinutes(1);

    /** A route as registered: method and path template, e.g. {@code GET /api/orders/{id}}. */
    public record Route(String method, String path) {}

    private final Lifecycle lifecycle;
    private final Javalin server;
    private final List<Route> routes;
    private final Map<Route, Set<String>> routeRoles;
    private final AnalyticsFeature analytics;
    private final OrderCommandHandler orderCommands;
    private final PaymentReconciler paymentReconciler;
    private final MetricsServer metricsServer;

    private ServingApi(Lifecycle lifecycle, Javalin server, List<Route> routes, Map<Route, Set<String>> routeRoles,
                       AnalyticsFeature analytics, OrderCommandHandler orderCommands, PaymentReconciler paymentReconciler,
                       MetricsServer metricsServer) {
        this.lifecycle = lifecycle;
        this.server = server;
        this.routes = routes;
        this.routeRoles = routeRoles;
        this.analytics = analytics;
        this.orderCommands = orderCommands;
        this.paymentReconciler = paymentReconciler;
        this.metricsServer = metricsServer;
    }

    public static ServingApi start(ServingApiConfig config) {
        return start(config, new SimulatedPaymentGateway(config.payments().simulatorLatency()));
    }

    /** Starts with a given payment provider (the simulator unless a real one is plugged in). */
    public static ServingApi start(ServingApiConfig config, PaymentGateway gateway) {
        Objects.requireNonNull(config, "config");
        Lifecycle lifecycle = new Lifecycle();
        try {
            return compose(config, gateway, lifecycle);
        } catch (RuntimeException e) {
            lifecycle.close();
            throw e;
        }
    }

    private static ServingApi compose(ServingApiConfig config, PaymentGateway gateway, Lifecycle lifecycle) {
        ObjectMapper json = JsonMapping.newObjectMapper();
        RequestBodies bodies = new RequestBodies(json);

        // metrics first: the pool and every part below record into the registry from their start. They are
        // served on a management port of their own (127.0.0.1 by default), never on the public API port.
        ServiceMetrics metrics = lifecycle.add(ServiceMetrics.forService("serving-api"));
        MetricsServer metricsServer = lifecycle.add(MetricsServer.start(config.metrics(), metrics, "serving-api"));

        // The schema and the application role as the owner; then the pool as that role, which can
        // read and write rows but change no schema.
        Migrations.apply(config.database());
        ApplicationRole.prepare(config.database());
        HikariDataSource dataSource = lifecycle.add(ConnectionPool.open(config.database(), metrics.registry()));
        Transactions transactions = new Transactions(dataSource);

        @Nullable KafkaConnection kafka = null;
        Clickstream clickstream = Clickstream.disabled();
        if (config.kafkaEnabled()) {
            String bootstrap = Objects.requireNonNull(config.kafkaBootstrapServers());
            kafka = new KafkaConnection(bootstrap,
                    new SchemaRegistryClient(Objects.requireNonNull(config.schemaRegistryUrl())), lifecycle);
            clickstream = lifecycle.add(new KafkaClickstream(bootstrap, kafka.registry()));
        } else {
            LOG.warn("no kafka.bootstrap-servers configured: stock and order views, and the clickstream, are disabled");
        }
        OutboxEncoder outboxEncoder = new OutboxEncoder(kafka == null ? null : kafka.registry());
        outboxEncoder.registerAll();
        ApiInfrastructure shared = new ApiInfrastructure(json, bodies, Clock.systemUTC(), metrics.registry(), dataSource,
                transactions, new OutboxWriter(outboxEncoder, Clock.systemUTC()), new IdempotentRequests(transactions),
                new ProblemMapper(json),
                clickstream, kafka, lifecycle);

        // the Streams apps' views, and their alerts
        StockFeature stock = StockFeature.start(shared, config.inventoryQueries());
        OrderTrackingFeature orderTracking = OrderTrackingFeature.start(shared, config.orderQueries());
        AlertsFeature alerts = AlertsFeature.start(shared);
        // KPI reports from ClickHouse, the dashboard's live stream, inventory accuracy checks (around the
        // stock cache: they compare PostgreSQL with the Streams app itself)
        AnalyticsFeature analytics = AnalyticsFeature.start(config.clickHouse(), config.kafkaBootstrapServers(),
                transactions, stock.source(), json, config.features().inventoryAccuracyInterval(),
                config.limits().streams(), lifecycle);
        RecommendationsFeature recommendations = RecommendationsFeature.start(shared, config.modelsDir(),
                config.modelCheckInterval(), config.features().recommendationsPerSeller(), stock.levels());

        // accounts and the catalog
        AuthFeature auth = new AuthFeature(shared, config.auth(), config.bcryptRounds(), config.limits());
        UsersFeature users = new UsersFeature(shared, auth.hasher(), auth.clientAddress(), config.limits().registration(),
                recommendations.purchases()::forget);
        CatalogFeature catalog = CatalogFeature.start(shared, stock.levels(), auth.tokens()::forgetUser);

        // orders, from checkout to refund
        OrderStorage orderStorage = OrderStorage.of(transactions, shared.outbox());
        PaymentsFeature payments = PaymentsFeature.start(shared, orderStorage, gateway, config.payments(),
                orderTracking.fraudSignals());
        ShippingFeature shipping = new ShippingFeature(shared, orderStorage);
        OrdersFeature orders = OrdersFeature.start(shared, orderStorage, payments.payments(), shipping.options(),
                orderTracking.view(), config.limits().orders());
        NotificationsFeature notifications = NotificationsFeature.start(shared);
        CartFeature cart = CartFeature.start(shared, orders.checkout(), orders.checkoutOutcomes());
        RefundsFeature refunds = new RefundsFeature(shared, orderStorage, gateway);

        // the outbox and the idempotency keys only gain rows: keep them to their retention
        lifecycle.add(new RetentionSweeper(transactions, "outbox", "created_at", OUTBOX_RETENTION, shared.clock())
                .start(RETENTION_SWEEP_INTERVAL));
        lifecycle.add(new RetentionSweeper(transactions, "idempotency_keys", "created_at", IdempotentRequests.RETENTION,
                shared.clock()).start(RETENTION_SWEEP_INTERVAL));

        PhotosFeature photos = new PhotosFeature(config.photosDir());
        HealthFeature health = HealthFeature.start(shared, stock.view(), orderTracking.view(),
                analytics.salesPerMinute(), config.clickHouse(), recommendations.models());

        // sellers before analytics: its /api/sellers/{id}/sales would otherwise answer /api/sellers/me/sales
        ApiRoutes api = new ApiRoutes(new WriteAdmission(config.admission()), List.of(health, auth, users, catalog,
                new SearchFeature(shared, config.features().searchFacetCacheTtl()), new InventoryFeature(shared), stock,
                orders, payments, shipping, notifications, orderTracking, cart, refunds, recommendations,
                new SellersFeature(shared), analytics, alerts, new ReviewsFeature(shared, photos.store()), photos));

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
            cfg.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyProblemErrorHandler(shared.problems())));
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
            cfg.routes.before(PossiblyStaleReads::startRequest);
            cfg.routes.after(PossiblyStaleReads::markAnswer);
            cfg.routes.beforeMatched(DeclaredBodySize::check);
            cfg.routes.beforeMatched(auth.authentication());
            api.declare(cfg.routes);
            shared.problems().register(cfg.routes);
        });
        lifecycle.add(server::stop);
        lifecycle.add(analytics::closeStreams); // before the server stops: an open event stream would hold it up
        server.start();
        LOG.info("serving-api listening on http://{}:{}", config.host(), server.port());
        return new ServingApi(lifecycle, server, List.copyOf(routes), Map.copyOf(routeRoles), analytics, orders.commands(),
                payments.reconciler(), metricsServer);
    }

    /** Dashboard streams holding a place under the caps of {@code api.limits.streams.*} (0 without ClickHouse). */
    public int openDashboardStreams() {
        return analytics.stream() == null ? 0 : analytics.stream().openStreams();
    }

    /** The port the server listens on (the real one when configured with 0). */
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
        lifecycle.close();
    }
}
