package dev.streamcart.serving.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.web.ContentSecurityPolicy;
import dev.streamcart.serving.web.HtmlPage;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of the analytics API ({@code /api/analytics/...}, {@code /api/sellers/{id}/sales}),
 * its live stream, and the dashboard page. Every report answers JSON, or CSV with
 * {@code ?format=csv} or {@code Accept: text/csv}. The filter is validated before ClickHouse is
 * needed, so a bad request is a 400 whether or not ClickHouse is configured (then 503).
 */
public final class AnalyticsEndpoints {

    private static final int DEFAULT_MINUTES = 60;
    private static final int DEFAULT_TOP = 10;
    private static final int MAX_TOP = 100;
    private static final int DEFAULT_ALERTS = 20;
    private static final int MAX_ALERTS = 500;
    // The dashboard loads ECharts from /webjars/ and talks to this API only (fetch and EventSource).
    // ECharts' SVG renderer writes style attributes, and its tooltips are HTML with style attributes:
    // without style-src-attr the charts lose their fonts and markers. Inline style attributes cannot
    // run code; scripts stay limited to this server and the page's own block, by hash (HtmlPage).
    // The page's icon is an inline data: image (img-src data:), so the browser asks for no /favicon.ico.
    private static final ContentSecurityPolicy DASHBOARD_POLICY = ContentSecurityPolicy.NOTHING
            .allow("script-src", "'self'")
            .allow("style-src", "'self'")
            .allow("style-src-attr", "'unsafe-inline'")
            .allow("img-src", "'self'", "data:")
            .allow("connect-src", "'self'");

    /** The ClickHouse-backed parts; null when the API runs without ClickHouse. */
    public record Reports(SalesPerMinute salesPerMinute, SalesReports sales, CustomerReports customers,
                          OperationsReports operations, DashboardStream stream) {}

    private final @Nullable Reports reports;
    private final AnalyticsFilters filters;
    private final LowStockAlerts alerts;
    private final StreamTickets tickets;
    private final HtmlPage dashboardPage;

    public AnalyticsEndpoints(@Nullable Reports reports, AnalyticsFilters filters, LowStockAlerts alerts,
                              StreamTickets tickets) {
        this.reports = reports;
        this.filters = Objects.requireNonNull(filters, "filters");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.dashboardPage = HtmlPage.of(resource("/dashboard/index.html"), DASHBOARD_POLICY);
    }

    public void sales(Context ctx) {
        int minutes = QueryParams.countParam(ctx, "minutes", DEFAULT_MINUTES, SalesPerMinute.MAX_MINUTES,
                DomainException::invalidInput); // a bad request is a 400 whether or not ClickHouse is there
        ctx.json(reports().salesPerMinute().lastMinutes(minutes));
    }

    public void dashboard(Context ctx) {
        dashboardPage.serve(ctx);
    }

    public void orders(Context ctx) {
        report(ctx, "orders", (reports, filter) -> reports.sales().orders(filter));
    }

    public void topProducts(Context ctx) {
        AnalyticsFilter filter = filter(ctx);
        SalesReports.Ranking ranking = ranking(ctx.queryParam("by"));
        int limit = limit(ctx, DEFAULT_TOP, MAX_TOP);
        answer(ctx, "top-products", reports().sales().topProducts(filter, ranking, limit));
    }

    public void regions(Context ctx) {
        answer(ctx, "regions", reports().sales().regions(filter(ctx)));
    }

    public void customers(Context ctx) {
        report(ctx, "customers", (reports, filter) -> reports.customers().customers(filter));
    }

    public void funnel(Context ctx) {
        report(ctx, "funnel", (reports, filter) -> reports.customers().funnel(filter));
    }

    public void payments(Context ctx) {
        report(ctx, "payments", (reports, filter) -> reports.operations().payments(filter));
    }

    public void declines(Context ctx) {
        report(ctx, "declines", (reports, filter) -> reports.operations().declines(filter));
    }

    public void fulfilment(Context ctx) {
        report(ctx, "fulfilment", (reports, filter) -> reports.operations().fulfilment(filter));
    }

    public void pipelineLag(Context ctx) {
        report(ctx, "pipeline-lag", (reports, filter) -> reports.operations().pipelineLag(filter));
    }

    public void inventoryAccuracy(Context ctx) {
        report(ctx, "inventory-accuracy", (reports, filter) -> reports.operations().inventoryAccuracy(filter));
    }

    public void recommendations(Context ctx) {
        report(ctx, "recommendations", (reports, filter) -> reports.customers().variants(filter));
    }

    /** Stock alerts with product names (PostgreSQL, no ClickHouse needed): all for the admin, a seller's own products for a seller. */
    public void lowStock(Context ctx) {
        AnalyticsFilter filter = filter(ctx);
        int limit = limit(ctx, DEFAULT_ALERTS, MAX_ALERTS);
        List<LowStockAlerts.LowStockAlert> recent = alerts.recent(limit, filter.sellerId());
        answer(ctx, "low-stock", Report.of(filter, LowStockAlerts.LowStockAlert.class, recent, null));
    }

    /** {@code GET /api/sellers/{id}/sales}: that seller themself, or an admin. */
    public void sellerSales(Context ctx) {
        long sellerId = PathIds.of(ctx, "id");
        Principal caller = Access.principal(ctx);
        if (!caller.mayActForSeller(sellerId)) {
            throw new DomainException(ProblemKind.FORBIDDEN, "only seller " + sellerId + " or an admin may see its sales");
        }
        Map<String, String> params = firstValues(ctx, "sellerId");
        params.put("sellerId", Long.toString(sellerId));
        AnalyticsFilter filter = filters.read(params::get, caller);
        answer(ctx, "seller-" + sellerId + "-sales", reports().sales().sellerSales(filter));
    }

    public void streamTicket(Context ctx) {
        Principal caller = AnalyticsFilters.callerWithScope(ctx);
        ctx.status(201).json(tickets.issue(caller));
    }

    /** {@code GET /api/analytics/stream?ticket=...&<filters>}: server-sent {@code snapshot} events. */
    public void stream(Context ctx) {
        Principal caller = tickets.redeem(ctx.queryParam("ticket"));
        Map<String, String> params = firstValues(ctx, "ticket");
        filters.read(params::get, caller); // refuse bad filters with a 400 before the stream starts
        DashboardStream stream = reports().stream();
        DashboardStream.Place place = stream.admit(caller); // 429 before the stream starts, when it is over the caps
        try {
            new SseHandler(client -> stream.subscribe(client, caller, params, place)).handle(ctx);
        } catch (RuntimeException e) {
            place.release();
            throw e;
        }
    }

    /** The first value of each query parameter except {@code skipped}. */
    private static Map<String, String> firstValues(Context ctx, String skipped) {
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals(skipped) && !values.isEmpty()) {
                params.put(name, values.get(0));
            }
        });
        return params;
    }

    private AnalyticsFilter filter(Context ctx) {
        Principal caller = AnalyticsFilters.callerWithScope(ctx);
        AnalyticsFilter filter = filters.read(ctx, caller);
        csvWanted(ctx); // validates ?format
        return filter;
    }

    /** Reads the filter first, so a bad request is a 400 whether or not ClickHouse is there, then runs the report. */
    private void report(Context ctx, String name, BiFunction<Reports, AnalyticsFilter, Report<?>> query) {
        AnalyticsFilter filter = filter(ctx);
        answer(ctx, name, query.apply(reports(), filter));
    }

    private Reports reports() {
        if (reports == null) {
            throw new DomainException(ProblemKind.UNAVAILABLE, "no ClickHouse is configured (clickhouse.url)");
        }
        return reports;
    }

    private static <R extends Record> void answer(Context ctx, String name, Report<R> report) {
        if (csvWanted(ctx)) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                    .contentType("text/csv; charset=utf-8")
                    .result(CsvTable.write(report.rowType(), report.rows()));
        } else {
            ctx.json(report);
        }
    }

    private static boolean csvWanted(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw AnalyticsFilters.invalid("format", "'format' must be json or csv, was '" + format + "'");
            };
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    // like every analytics 400, it names its field
    private static int limit(Context ctx, int defaultLimit, int max) {
        return QueryParams.countParam(ctx, "limit", defaultLimit, max, detail -> AnalyticsFilters.invalid("limit", detail));
    }

    private static SalesReports.Ranking ranking(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return SalesReports.Ranking.REVENUE;
        }
        try {
            return SalesReports.Ranking.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AnalyticsFilters.invalid("by", "'by' must be revenue or units, was '" + raw + "'");
        }
    }

    private static String resource(String name) {
        try (InputStream in = AnalyticsEndpoints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
