package dev.streamcart.serving.analytics;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.alerts.StockAlertStore;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.limits.StreamLimits;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.Lifecycle;
import io.javalin.config.RoutesConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics feature: the reports over ClickHouse, the dashboard and its live stream, the live
 * Kafka lag probe and the periodic inventory accuracy check, recording what it starts in the
 * {@code lifecycle}. Without ClickHouse only the PostgreSQL-backed parts remain and the reports
 * answer 503.
 */
public record AnalyticsFeature(AnalyticsEndpoints endpoints, @Nullable SalesPerMinute salesPerMinute,
                               @Nullable DashboardStream stream) implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsFeature.class);

    public static AnalyticsFeature start(@Nullable ClickHouseSettings clickHouse, @Nullable String kafkaBootstrapServers,
                                         Transactions transactions, ReadModel<StockLevel> stockLevels, ObjectMapper json,
                                         Duration inventoryCheckInterval, StreamLimits limits, Lifecycle lifecycle) {
        AnalyticsFilters filters = new AnalyticsFilters(Clock.systemUTC(), limits.maxAnalyticsBuckets());
        ProductNames names = new ProductNames(transactions);
        LowStockAlerts alerts = new LowStockAlerts(new StockAlertStore(transactions), names);
        StreamTickets tickets = new StreamTickets(Clock.systemUTC());
        if (clickHouse == null) {
            LOG.warn("no clickhouse.url configured: the analytics API answers 503");
            return new AnalyticsFeature(new AnalyticsEndpoints(null, filters, alerts, tickets), null, null);
        }
        // interactive reads: a dashboard would rather show a 503 than wait behind a stuck query
        ClickHouseClient reader = ClickHouseClient.open(clickHouse, Duration.ofSeconds(2), Duration.ofSeconds(10));
        lifecycle.add(reader);
        SalesPerMinute salesPerMinute = new SalesPerMinute(reader, Clock.systemUTC());
        ConsumerGroupLag lag = null;
        if (kafkaBootstrapServers != null) {
            lag = new ConsumerGroupLag(kafkaBootstrapServers);
            lifecycle.add(lag);
            if (stockLevels.isEnabled()) {
                lifecycle.add(new InventoryAccuracyCheck(transactions, stockLevels, reader, Clock.systemUTC())
                        .start(inventoryCheckInterval));
            }
        }
        KpiRows kpiRows = new KpiRows(reader, Clock.systemUTC());
        SalesReports sales = new SalesReports(reader, kpiRows, names);
        CustomerReports customers = new CustomerReports(reader, kpiRows);
        OperationsReports operations = new OperationsReports(reader, lag);
        DashboardStream stream = new DashboardStream(new DashboardSnapshots(sales, customers, operations, alerts),
                filters, json, limits);
        lifecycle.add(stream);
        AnalyticsEndpoints.Reports reports = new AnalyticsEndpoints.Reports(salesPerMinute, sales, customers, operations,
                stream);
        return new AnalyticsFeature(new AnalyticsEndpoints(reports, filters, alerts, tickets), salesPerMinute, stream);
    }

    /** Ends every open event stream (the server waits for open requests when it stops). */
    public void closeStreams() {
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/dashboard", endpoints::dashboard);
        routes.get("/api/analytics/sales", endpoints::sales, Role.ADMIN);
        // live dashboard KPIs: sellers see their own slice, the rest is the operator's
        routes.get("/api/analytics/orders", endpoints::orders, Role.SELLER);
        routes.get("/api/analytics/top-products", endpoints::topProducts, Role.SELLER);
        routes.get("/api/analytics/regions", endpoints::regions, Role.SELLER);
        routes.get("/api/analytics/low-stock", endpoints::lowStock, Role.SELLER);
        routes.get("/api/analytics/customers", endpoints::customers, Role.ADMIN);
        routes.get("/api/analytics/funnel", endpoints::funnel, Role.ADMIN);
        routes.get("/api/analytics/payments", endpoints::payments, Role.ADMIN);
        routes.get("/api/analytics/payments/declines", endpoints::declines, Role.ADMIN);
        routes.get("/api/analytics/fulfilment", endpoints::fulfilment, Role.ADMIN);
        routes.get("/api/analytics/pipeline-lag", endpoints::pipelineLag, Role.ADMIN);
        routes.get("/api/analytics/inventory-accuracy", endpoints::inventoryAccuracy, Role.ADMIN);
        routes.get("/api/analytics/recommendations", endpoints::recommendations, Role.ADMIN);
        routes.post("/api/analytics/stream-tickets", writes.guard(endpoints::streamTicket), Role.SELLER);
        routes.get("/api/analytics/stream", endpoints::stream); // EventSource sends no header: a ticket authenticates
        routes.get("/api/sellers/{id}/sales", endpoints::sellerSales, Role.SELLER); // from ClickHouse
    }
}
