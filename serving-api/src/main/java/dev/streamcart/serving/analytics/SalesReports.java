package dev.streamcart.serving.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.serving.money.Money;

/**
 * Orders and revenue: the time series (orders, gross and net revenue, AOV), top products and a
 * seller's sales. Unsliced series read {@code order_totals_per_minute} (whole orders, tax and
 * shipping included); a category or seller slice reads {@code product_sales_per_minute} (the
 * slice's order lines: orders counts each order once per product it holds).
 */
public final class SalesReports {

    /** One bucket of the orders series. */
    public record OrdersBucket(Instant bucket, long orders, String grossRevenue, String refunded, String netRevenue,
                               String averageOrderValue) {}

    /**
     * The whole range at once. {@code refundRate} is the refunded share of gross revenue;
     * {@code returnRate} the share of units sold that came back (both fractions, four decimals).
     */
    public record OrdersSummary(long orders, String grossRevenue, String refunded, String netRevenue,
                                String averageOrderValue, BigDecimal refundRate, long unitsSold, long unitsReturned,
                                BigDecimal returnRate) {}

    /** One product of a top list, ranked by revenue or by units. */
    public record TopProduct(int rank, long productId, String name, long sellerId, long categoryId,
                             long orders, long units, String revenue, String refunded, String netRevenue) {}

    /** One bucket of a seller's sales. */
    public record SellerSalesBucket(Instant bucket, long orders, long units, String revenue, String refunded,
                                    String netRevenue) {}

    /** One buyer region's sales over the range; {@code region} is empty for orders placed without one. */
    public record RegionSales(String region, long orders, long units, String revenue, String refunded,
                              String netRevenue) {}

    public enum Ranking { REVENUE, UNITS }

    private static final String PRODUCT_SALES = "product_sales_per_minute";

    private final ClickHouseClient clickHouse;
    private final KpiRows kpiRows;
    private final ProductNames names;
    private final SettledProductSales settledSales;

    public SalesReports(ClickHouseClient clickHouse, KpiRows kpiRows, ProductNames names) {
        this(clickHouse, kpiRows, names, SettledProductSales.DEFAULT_TTL);
    }

    SalesReports(ClickHouseClient clickHouse, KpiRows kpiRows, ProductNames names, Duration settledSalesTtl) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.kpiRows = Objects.requireNonNull(kpiRows, "kpiRows");
        this.names = Objects.requireNonNull(names, "names");
        this.settledSales = new SettledProductSales(clickHouse, settledSalesTtl);
    }

    public Report<OrdersBucket> orders(AnalyticsFilter filter) {
        String sql = filter.sliced()
                ? "SELECT " + filter.granularity().bucketOf("t") + " AS b, sum(orders), sum(revenue_cents), sum(refunded_cents)"
                        + " FROM " + productRows(filter, true, "", "orders", "revenue_cents", "refunded_cents")
                        + " GROUP BY b ORDER BY b"
                // one row a minute: a week is 10k rows, no roll-up needed
                : "SELECT " + filter.granularity().bucketOf("minute") + " AS b, sum(paid_orders), sum(gross_cents),"
                        + " sum(refunded_cents) FROM " + clickHouse.qualified("order_totals_per_minute") + " FINAL"
                        + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral()
                        + " GROUP BY b ORDER BY b";
        Map<Long, OrdersBucket> byBucket = new HashMap<>();
        long orders = 0;
        long gross = 0;
        long refunded = 0;
        for (List<String> row : clickHouse.rows(sql)) {
            long n = Long.parseLong(row.get(1));
            long g = Long.parseLong(row.get(2));
            long r = Long.parseLong(row.get(3));
            byBucket.put(Long.parseLong(row.get(0)), ordersBucket(Instant.ofEpochSecond(Long.parseLong(row.get(0))), n, g, r));
            orders += n;
            gross += g;
            refunded += r;
        }
        List<OrdersBucket> series = Buckets.dense(filter, byBucket, at -> ordersBucket(at, 0, 0, 0));
        // units are counted per order line, so they come from the product rows whatever the slice
        List<String> units = clickHouse.rows("SELECT sum(units), sum(refunded_units)"
                + " FROM " + productRows(filter, false, "", "units", "refunded_units")).get(0);
        long sold = Long.parseLong(units.get(0));
        long returned = Long.parseLong(units.get(1));
        return Report.of(filter, OrdersBucket.class, series, new OrdersSummary(orders, Money.formatCents(gross),
                Money.formatCents(refunded), Money.formatCents(gross - refunded), Ratios.averageMoney(gross, orders),
                Ratios.rate(refunded, gross), sold, returned, Ratios.rate(returned, sold)));
    }

    public Report<TopProduct> topProducts(AnalyticsFilter filter, Ranking ranking, int limit) {
        // the ranking sums every product sold in the range (450k over a week of the large profile): the
        // settled hours' sums are remembered (SettledProductSales), the edges and last hours read each
        // time, and the other figures of the few ranked products read next, for those products only
        KpiRows.Split rows = kpiRows.split(PRODUCT_SALES, filter, productColumns(filter, "product_id", "units",
                "revenue_cents"), productConditions(filter, ""));
        SettledProductSales.Sums settled = rows.settled().map(settledSales::of).orElse(SettledProductSales.Sums.NONE);
        Map<Long, long[]> live = new HashMap<>();
        for (List<String> row : clickHouse.rows("SELECT product_id, sum(units), sum(revenue_cents) FROM (" + rows.live()
                + ") GROUP BY product_id")) {
            live.put(Long.parseLong(row.get(0)), new long[] {Long.parseLong(row.get(1)), Long.parseLong(row.get(2))});
        }
        List<RankedProduct> ranked = RankedProduct.best(settled, live, ranking, limit);
        if (ranked.isEmpty()) {
            return topProductsReport(filter, ranking, limit, List.of());
        }
        List<Long> ids = ranked.stream().map(RankedProduct::productId).toList();
        Map<Long, List<String>> details = new HashMap<>();
        for (List<String> row : clickHouse.rows("SELECT product_id, any(seller_id), any(category_id), sum(orders),"
                + " sum(refunded_cents) FROM " + productRows(filter, false, " AND product_id IN ("
                        + ids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")",
                        "product_id", "seller_id", "category_id", "orders", "refunded_cents")
                + " GROUP BY product_id")) {
            details.put(Long.parseLong(row.get(0)), row);
        }
        Map<Long, ProductNames.ProductName> named = names.of(ids);
        List<TopProduct> top = new ArrayList<>();
        for (RankedProduct product : ranked) {
            List<String> detail = details.get(product.productId());
            long refunded = Long.parseLong(detail.get(4));
            top.add(new TopProduct(top.size() + 1, product.productId(), named.get(product.productId()).name(),
                    Long.parseLong(detail.get(1)), Long.parseLong(detail.get(2)), Long.parseLong(detail.get(3)), product.units(),
                    Money.formatCents(product.revenueCents()), Money.formatCents(refunded),
                    Money.formatCents(product.revenueCents() - refunded)));
        }
        return topProductsReport(filter, ranking, limit, top);
    }

    private static Report<TopProduct> topProductsReport(AnalyticsFilter filter, Ranking ranking, int limit,
                                                        List<TopProduct> top) {
        return Report.of(filter, TopProduct.class, top, Map.of("rankedBy", ranking.name().toLowerCase(Locale.ROOT),
                "limit", limit));
    }

    /** Sales per buyer region over the whole range, highest revenue first (category and seller slices apply). */
    public Report<RegionSales> regions(AnalyticsFilter filter) {
        String sql = "SELECT region, sum(orders), sum(units), sum(revenue_cents) AS region_revenue, sum(refunded_cents)"
                + " FROM " + productRows(filter, false, "", "region", "orders", "units", "revenue_cents", "refunded_cents")
                + " GROUP BY region HAVING sum(units) > 0 ORDER BY region_revenue DESC, region";
        List<RegionSales> rows = new ArrayList<>();
        long revenue = 0;
        long refunded = 0;
        for (List<String> row : clickHouse.rows(sql)) {
            long r = Long.parseLong(row.get(3));
            long f = Long.parseLong(row.get(4));
            rows.add(new RegionSales(row.get(0), Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), Money.formatCents(r),
                    Money.formatCents(f), Money.formatCents(r - f)));
            revenue += r;
            refunded += f;
        }
        return Report.of(filter, RegionSales.class, rows, Map.of("regions", rows.size(),
                "revenue", Money.formatCents(revenue), "netRevenue", Money.formatCents(revenue - refunded)));
    }

    /** {@code GET /api/sellers/{id}/sales}: the filter must carry the seller id. */
    public Report<SellerSalesBucket> sellerSales(AnalyticsFilter filter) {
        Objects.requireNonNull(filter.sellerId(), "sellerId");
        String sql = "SELECT " + filter.granularity().bucketOf("t") + " AS b, sum(orders), sum(units),"
                + " sum(revenue_cents), sum(refunded_cents)"
                + " FROM " + productRows(filter, true, "", "orders", "units", "revenue_cents", "refunded_cents")
                + " GROUP BY b ORDER BY b";
        Map<Long, SellerSalesBucket> byBucket = new HashMap<>();
        long units = 0;
        long revenue = 0;
        long refunded = 0;
        long orders = 0;
        for (List<String> row : clickHouse.rows(sql)) {
            long b = Long.parseLong(row.get(0));
            long o = Long.parseLong(row.get(1));
            long u = Long.parseLong(row.get(2));
            long r = Long.parseLong(row.get(3));
            long f = Long.parseLong(row.get(4));
            byBucket.put(b, new SellerSalesBucket(Instant.ofEpochSecond(b), o, u, Money.formatCents(r),
                    Money.formatCents(f), Money.formatCents(r - f)));
            orders += o;
            units += u;
            revenue += r;
            refunded += f;
        }
        List<SellerSalesBucket> series = Buckets.dense(filter, byBucket, at -> new SellerSalesBucket(at, 0, 0,
                Money.formatCents(0), Money.formatCents(0), Money.formatCents(0)));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("orders", orders);
        summary.put("units", units);
        summary.put("revenue", Money.formatCents(revenue));
        summary.put("refunded", Money.formatCents(refunded));
        summary.put("netRevenue", Money.formatCents(revenue - refunded));
        return Report.of(filter, SellerSalesBucket.class, series, summary);
    }

    private static OrdersBucket ordersBucket(Instant at, long orders, long gross, long refunded) {
        return new OrdersBucket(at, orders, Money.formatCents(gross), Money.formatCents(refunded),
                Money.formatCents(gross - refunded), Ratios.averageMoney(gross, orders));
    }

    /**
     * The product sales rows of the filter's range, currency and slices (and {@code more} conditions,
     * SQL starting with {@code AND}), with {@code columns} (and the sliced ones), for a query that
     * buckets them by the filter's granularity or not.
     */
    private String productRows(AnalyticsFilter filter, boolean bucketed, String more, String... columns) {
        List<String> needed = productColumns(filter, columns);
        String conditions = productConditions(filter, more);
        return bucketed ? kpiRows.bucketed(PRODUCT_SALES, filter, needed, conditions)
                : kpiRows.whole(PRODUCT_SALES, filter, needed, conditions);
    }

    private static List<String> productColumns(AnalyticsFilter filter, String... columns) {
        Set<String> needed = new LinkedHashSet<>(List.of(columns));
        needed.add("currency");
        needed.addAll(KpiRows.sliceColumns(filter));
        return List.copyOf(needed);
    }

    private static String productConditions(AnalyticsFilter filter, String more) {
        return " AND currency = " + filter.currencyLiteral() + slices(filter) + more;
    }

    static String slices(AnalyticsFilter filter) {
        StringBuilder where = new StringBuilder();
        if (filter.categoryId() != null) {
            where.append(" AND category_id = ").append(filter.categoryId().longValue());
        }
        if (filter.sellerId() != null) {
            where.append(" AND seller_id = ").append(filter.sellerId().longValue());
        }
        if (filter.region() != null) {
            where.append(" AND region = '").append(filter.region()).append('\'');
        }
        return where.toString();
    }
}
