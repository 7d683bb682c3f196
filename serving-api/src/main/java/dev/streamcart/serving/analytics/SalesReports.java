package dev.streamcart.serving.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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

    /** The whole range at once. */
    public record OrdersSummary(long orders, String grossRevenue, String refunded, String netRevenue,
                                String averageOrderValue) {}

    /** One product of a top list, ranked by revenue or by units. */
    public record TopProduct(int rank, long productId, String name, long sellerId, long categoryId,
                             long orders, long units, String revenue, String refunded, String netRevenue) {}

    /** One bucket of a seller's sales. */
    public record SellerSalesBucket(Instant bucket, long orders, long units, String revenue, String refunded,
                                    String netRevenue) {}

    public enum Ranking { REVENUE, UNITS }

    private final ClickHouseReader clickHouse;
    private final ProductNames names;

    public SalesReports(ClickHouseReader clickHouse, ProductNames names) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.names = Objects.requireNonNull(names, "names");
    }

    public Report<OrdersBucket> orders(AnalyticsFilter filter) {
        String bucket = filter.granularity().bucketOf("minute");
        String sql = filter.sliced()
                ? "SELECT " + bucket + " AS b, sum(orders), sum(revenue_cents), sum(refunded_cents)"
                        + " FROM " + clickHouse.table("product_sales_per_minute") + " FINAL"
                        + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral()
                        + slices(filter) + " GROUP BY b ORDER BY b"
                : "SELECT " + bucket + " AS b, sum(paid_orders), sum(gross_cents), sum(refunded_cents)"
                        + " FROM " + clickHouse.table("order_totals_per_minute") + " FINAL"
                        + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral()
                        + " GROUP BY b ORDER BY b";
        Map<Long, OrdersBucket> byBucket = new HashMap<>();
        long orders = 0;
        long gross = 0;
        long refunded = 0;
        for (String[] row : clickHouse.rows(sql)) {
            long n = Long.parseLong(row[1]);
            long g = Long.parseLong(row[2]);
            long r = Long.parseLong(row[3]);
            byBucket.put(Long.parseLong(row[0]), ordersBucket(Instant.ofEpochSecond(Long.parseLong(row[0])), n, g, r));
            orders += n;
            gross += g;
            refunded += r;
        }
        List<OrdersBucket> series = Buckets.dense(filter, byBucket, at -> ordersBucket(at, 0, 0, 0));
        return Report.of(filter, OrdersBucket.class, series, new OrdersSummary(orders, Money.formatCents(gross),
                Money.formatCents(refunded), Money.formatCents(gross - refunded), Ratios.averageMoney(gross, orders)));
    }

    public Report<TopProduct> topProducts(AnalyticsFilter filter, Ranking ranking, int limit) {
        String order = ranking == Ranking.UNITS ? "total_units DESC, total_revenue DESC" : "total_revenue DESC, total_units DESC";
        String sql = "SELECT product_id, any(seller_id), any(category_id), sum(orders), sum(units) AS total_units,"
                + " sum(revenue_cents) AS total_revenue, sum(refunded_cents)"
                + " FROM " + clickHouse.table("product_sales_per_minute") + " FINAL"
                + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral() + slices(filter)
                + " GROUP BY product_id HAVING total_units > 0 ORDER BY " + order + ", product_id LIMIT " + limit;
        List<String[]> rows = clickHouse.rows(sql);
        Map<Long, ProductNames.ProductName> named = names.of(rows.stream().map(row -> Long.parseLong(row[0])).toList());
        List<TopProduct> top = new ArrayList<>();
        for (String[] row : rows) {
            long productId = Long.parseLong(row[0]);
            long revenue = Long.parseLong(row[5]);
            long refunded = Long.parseLong(row[6]);
            top.add(new TopProduct(top.size() + 1, productId, named.get(productId).name(), Long.parseLong(row[1]),
                    Long.parseLong(row[2]), Long.parseLong(row[3]), Long.parseLong(row[4]), Money.formatCents(revenue),
                    Money.formatCents(refunded), Money.formatCents(revenue - refunded)));
        }
        return Report.of(filter, TopProduct.class, top, Map.of("rankedBy", ranking.name().toLowerCase(Locale.ROOT),
                "limit", limit));
    }

    /** {@code GET /api/sellers/{id}/sales}: the filter must carry the seller id. */
    public Report<SellerSalesBucket> sellerSales(AnalyticsFilter filter) {
        Objects.requireNonNull(filter.sellerId(), "sellerId");
        String sql = "SELECT " + filter.granularity().bucketOf("minute") + " AS b, sum(orders), sum(units),"
                + " sum(revenue_cents), sum(refunded_cents)"
                + " FROM " + clickHouse.table("product_sales_per_minute") + " FINAL"
                + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral() + slices(filter)
                + " GROUP BY b ORDER BY b";
        Map<Long, SellerSalesBucket> byBucket = new HashMap<>();
        long units = 0;
        long revenue = 0;
        long refunded = 0;
        long orders = 0;
        for (String[] row : clickHouse.rows(sql)) {
            long b = Long.parseLong(row[0]);
            long o = Long.parseLong(row[1]);
            long u = Long.parseLong(row[2]);
            long r = Long.parseLong(row[3]);
            long f = Long.parseLong(row[4]);
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

    static String slices(AnalyticsFilter filter) {
        StringBuilder where = new StringBuilder();
        if (filter.categoryId() != null) {
            where.append(" AND category_id = ").append(filter.categoryId().longValue());
        }
        if (filter.sellerId() != null) {
            where.append(" AND seller_id = ").append(filter.sellerId().longValue());
        }
        return where.toString();
    }
}
