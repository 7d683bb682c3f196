package dev.streamcart.serving.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.streamcart.schemas.clickhouse.ClickHouseException;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.problems.DomainException;

/**
 * Everything the dashboard page shows, computed at once for one filter: what the event stream
 * pushes. A seller's snapshot holds only the seller-sliced parts (their orders and revenue, their
 * top products, their stock alerts). A part whose source fails is listed in {@code unavailable} and
 * the others still arrive, so one slow table never blanks the page.
 */
public final class DashboardSnapshots {

    static final int TOP_PRODUCTS = 8;
    static final int LOW_STOCK_ALERTS = 8;

    /** One push of the stream. {@code filter} echoes what it was computed for. */
    public record Snapshot(Instant at, AnalyticsFilter filter, Map<String, Object> parts, List<String> unavailable) {}

    private final SalesReports sales;
    private final CustomerReports customers;
    private final OperationsReports operations;
    private final LowStockAlerts alerts;

    public DashboardSnapshots(SalesReports sales, CustomerReports customers, OperationsReports operations,
                              LowStockAlerts alerts) {
        this.sales = Objects.requireNonNull(sales, "sales");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    public Snapshot compute(AnalyticsFilter filter, Principal caller) {
        Map<String, Object> parts = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        part(parts, unavailable, "orders", () -> sales.orders(filter));
        part(parts, unavailable, "topByRevenue", () -> sales.topProducts(filter, SalesReports.Ranking.REVENUE, TOP_PRODUCTS));
        part(parts, unavailable, "topByUnits", () -> sales.topProducts(filter, SalesReports.Ranking.UNITS, TOP_PRODUCTS));
        part(parts, unavailable, "regions", () -> sales.regions(filter));
        part(parts, unavailable, "lowStock", () -> alerts.recent(LOW_STOCK_ALERTS, filter.sellerId()));
        if (caller.isAdmin()) {
            part(parts, unavailable, "customers", () -> customers.customers(filter));
            part(parts, unavailable, "funnel", () -> customers.funnel(filter));
            part(parts, unavailable, "payments", () -> operations.payments(filter));
            part(parts, unavailable, "declines", () -> operations.declines(filter));
            part(parts, unavailable, "fulfilment", () -> operations.fulfilment(filter));
            part(parts, unavailable, "pipelineLag", () -> operations.pipelineLag(filter));
            part(parts, unavailable, "inventoryAccuracy", () -> operations.inventoryAccuracy(filter));
            part(parts, unavailable, "recommendations", () -> customers.variants(filter));
        }
        return new Snapshot(Instant.now(), filter, parts, unavailable);
    }

    private static void part(Map<String, Object> parts, List<String> unavailable, String name, Supplier<Object> report) {
        try {
            parts.put(name, report.get());
        } catch (DomainException | ClickHouseException e) {
            unavailable.add(name);
        }
    }
}
