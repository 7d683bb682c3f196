package dev.streamcart.serving.analytics;

import java.time.Clock;
import java.time.Duration;
import java.util.Deque;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.serving.alerts.StockAlertStore;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.limits.StreamLimits;
import dev.streamcart.serving.readmodels.ReadModel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the analytics feature: the reports over ClickHouse, the dashboard stream, the live Kafka
 * lag probe and the periodic inventory accuracy check, pushing what it starts onto
 * {@code resources} (closed in reverse by {@code ServingApi}). Without ClickHouse only the
 * PostgreSQL-backed parts remain and the reports answer 503.
 */
public record AnalyticsWiring(AnalyticsEndpoints endpoints, @Nullable SalesPerMinute salesPerMinute,
                              @Nullable DashboardStream stream) {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsWiring.class);

    public static AnalyticsWiring start(@Nullable ClickHouseSettings clickHouse, @Nullable String kafkaBootstrapServers,
                                        Transactions transactions, ReadModel<StockLevel> stockLevels, ObjectMapper json,
                                        Duration inventoryCheckInterval, StreamLimits limits,
                                        Deque<AutoCloseable> resources) {
        AnalyticsFilters filters = new AnalyticsFilters(Clock.systemUTC(), limits.maxAnalyticsBuckets());
        ProductNames names = new ProductNames(transactions);
        LowStockAlerts alerts = new LowStockAlerts(new StockAlertStore(transactions), names);
        StreamTickets tickets = new StreamTickets(Clock.systemUTC());
        if (clickHouse == null) {
            LOG.warn("no clickhouse.url configured: the analytics API answers 503");
            return new AnalyticsWiring(new AnalyticsEndpoints(null, filters, alerts, tickets), null, null);
        }
        // interactive reads: a dashboard would rather show a 503 than wait behind a stuck query
        ClickHouseClient reader = ClickHouseClient.open(clickHouse, Duration.ofSeconds(2), Duration.ofSeconds(10));
        resources.push(reader);
        SalesPerMinute salesPerMinute = new SalesPerMinute(reader, Clock.systemUTC());
        ConsumerGroupLag lag = null;
        if (kafkaBootstrapServers != null) {
            lag = new ConsumerGroupLag(kafkaBootstrapServers);
            resources.push(lag);
            if (stockLevels.isEnabled()) {
                resources.push(new InventoryAccuracyCheck(transactions, stockLevels, reader, Clock.systemUTC())
                        .start(inventoryCheckInterval));
            }
        }
        KpiRows kpiRows = new KpiRows(reader, Clock.systemUTC());
        SalesReports sales = new SalesReports(reader, kpiRows, names);
        CustomerReports customers = new CustomerReports(reader, kpiRows);
        OperationsReports operations = new OperationsReports(reader, lag);
        DashboardStream stream = new DashboardStream(new DashboardSnapshots(sales, customers, operations, alerts),
                filters, json, limits);
        resources.push(stream);
        AnalyticsEndpoints.Reports reports = new AnalyticsEndpoints.Reports(salesPerMinute, sales, customers, operations,
                stream);
        return new AnalyticsWiring(new AnalyticsEndpoints(reports, filters, alerts, tickets), salesPerMinute, stream);
    }

    /** Ends every open event stream (the server waits for open requests when it stops). */
    public void closeStreams() {
        if (stream != null) {
            stream.close();
        }
    }
}
