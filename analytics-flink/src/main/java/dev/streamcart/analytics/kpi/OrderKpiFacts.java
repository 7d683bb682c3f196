package dev.streamcart.analytics.kpi;

import java.util.Map;
import java.util.TreeMap;

import dev.streamcart.analytics.sales.OrderEventFacts;
import dev.streamcart.analytics.sales.OrderEventFacts.SaleLine;
import dev.streamcart.schemas.order.OrderEventType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What one (deduplicated) order event adds to the per-minute KPI tables, in its own minute:
 * <ul>
 *   <li>every event: the user is ACTIVE;</li>
 *   <li>ORDER_PAID: product sales per (product, seller, category) of its lines, the order's total,
 *       a BUYER, the funnel's PAID stage (category 0: an order spans categories, and the funnel
 *       sums to one paid order per order), a SUCCEEDED payment, and variant purchases;</li>
 *   <li>PAYMENT_FAILED: a FAILED payment with its reason;</li>
 *   <li>ORDER_REFUNDED / ORDER_PARTIALLY_REFUNDED: refunded units and cents per product, and a refund
 *       in the order totals.</li>
 * </ul>
 * Facts leave in a fixed order (sorted maps), so a replay emits exactly the same sequence.
 */
public final class OrderKpiFacts implements FlatMapFunction<OrderEventFacts, MinuteFact> {

    private static final long serialVersionUID = 1L;

    public static final String ACTIVE = "ACTIVE";
    public static final String BUYER = "BUYER";
    public static final String PAID = "PAID";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    private record Product(long productId, long sellerId, long categoryId) implements Comparable<Product> {
        @Override
        public int compareTo(Product other) {
            int byProduct = Long.compare(productId, other.productId);
            int bySeller = byProduct != 0 ? byProduct : Long.compare(sellerId, other.sellerId);
            return bySeller != 0 ? bySeller : Long.compare(categoryId, other.categoryId);
        }
    }

    @Override
    public void flatMap(OrderEventFacts event, Collector<MinuteFact> out) {
        if (event.userId() > 0) {
            out.collect(new MinuteFact(KpiTable.USER_ACTIVITY, new long[] {event.userId()}, new String[] {ACTIVE}, new long[0]));
        }
        if (event.isPayment()) {
            productSales(event, event.lines(), true, out);
            out.collect(new MinuteFact(KpiTable.ORDER_TOTALS, new long[0], new String[] {event.currency()},
                    new long[] {1, event.totalCents(), 0, 0}));
            if (event.userId() > 0) {
                out.collect(new MinuteFact(KpiTable.USER_ACTIVITY, new long[] {event.userId()}, new String[] {BUYER}, new long[0]));
            }
            out.collect(new MinuteFact(KpiTable.FUNNEL, new long[] {0}, new String[] {PAID}, new long[] {1}));
            out.collect(new MinuteFact(KpiTable.PAYMENTS, new long[0],
                    new String[] {event.paymentMethod(), SUCCEEDED, "", event.currency()}, new long[] {1, event.totalCents()}));
            variantPurchases(event, out);
        } else if (event.type() == OrderEventType.PAYMENT_FAILED) {
            out.collect(new MinuteFact(KpiTable.PAYMENTS, new long[0],
                    new String[] {event.paymentMethod(), FAILED, event.reason(), event.currency()}, new long[] {1, event.totalCents()}));
        } else if (event.isRefund()) {
            productSales(event, event.refundedLines(), false, out);
            out.collect(new MinuteFact(KpiTable.ORDER_TOTALS, new long[0], new String[] {event.currency()},
                    new long[] {0, 0, 1, event.refundedCents()}));
        }
    }

    /** Paid lines (orders, units, revenue) or refunded lines (refunded units and cents), per product. */
    private static void productSales(OrderEventFacts event, Iterable<SaleLine> lines, boolean paid, Collector<MinuteFact> out) {
        Map<Product, long[]> unitsAndCents = new TreeMap<>();
        for (SaleLine line : lines) {
            long[] sums = unitsAndCents.computeIfAbsent(new Product(line.productId(), line.sellerId(), line.categoryId()),
                    product -> new long[2]);
            sums[0] += line.quantity();
            sums[1] = Math.addExact(sums[1], line.amountCents());
        }
        String[] regionAndCurrency = {event.region(), event.currency()};
        unitsAndCents.forEach((product, sums) -> out.collect(new MinuteFact(KpiTable.PRODUCT_SALES,
                new long[] {product.productId(), product.sellerId(), product.categoryId()}, regionAndCurrency.clone(),
                paid ? new long[] {1, sums[0], sums[1], 0, 0} : new long[] {0, 0, 0, sums[0], sums[1]})));
    }

    /** Paid lines that came from a recommendation: purchases, units and revenue of its variant. */
    private static void variantPurchases(OrderEventFacts event, Collector<MinuteFact> out) {
        Map<String, long[]> byVariant = new TreeMap<>();
        for (SaleLine line : event.lines()) {
            if (!line.recommendationVariant().isEmpty()) {
                long[] sums = byVariant.computeIfAbsent(line.recommendationVariant(), variant -> new long[3]);
                sums[0]++;
                sums[1] += line.quantity();
                sums[2] = Math.addExact(sums[2], line.amountCents());
            }
        }
        byVariant.forEach((variant, sums) -> out.collect(new MinuteFact(KpiTable.RECOMMENDATION_VARIANTS, new long[0],
                new String[] {variant, event.currency()}, new long[] {0, 0, 0, sums[0], sums[1], sums[2]})));
    }
}
