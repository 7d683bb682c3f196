package dev.streamcart.serving.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** A product's units and revenue over a range, and the selection of a top list from them. */
record RankedProduct(long productId, long units, long revenueCents) {

    private static final Comparator<RankedProduct> BY_REVENUE = Comparator.comparingLong(RankedProduct::revenueCents)
            .reversed().thenComparing(Comparator.comparingLong(RankedProduct::units).reversed())
            .thenComparingLong(RankedProduct::productId);
    private static final Comparator<RankedProduct> BY_UNITS = Comparator.comparingLong(RankedProduct::units)
            .reversed().thenComparing(Comparator.comparingLong(RankedProduct::revenueCents).reversed())
            .thenComparingLong(RankedProduct::productId);

    static Comparator<RankedProduct> order(SalesReports.Ranking ranking) {
        return ranking == SalesReports.Ranking.UNITS ? BY_UNITS : BY_REVENUE;
    }

    /**
     * The {@code limit} best products, best first, of the settled sums plus the live ones
     * ({@code productId -> {units, revenueCents}}), leaving out products with no unit sold: what
     * {@code GROUP BY product_id HAVING units > 0 ORDER BY ... LIMIT} gives over both parts' rows.
     */
    static List<RankedProduct> best(SettledProductSales.Sums settled, Map<Long, long[]> live,
                                    SalesReports.Ranking ranking, int limit) {
        Comparator<RankedProduct> order = order(ranking);
        // worst kept at the head
        PriorityQueue<RankedProduct> kept = new PriorityQueue<>(limit + 1, order.reversed());
        Map<Long, long[]> liveOnly = new HashMap<>(live);
        for (int i = 0; i < settled.size(); i++) {
            long productId = settled.productIds()[i];
            long[] more = liveOnly.remove(productId);
            long units = settled.units()[i] + (more == null ? 0 : more[0]);
            long revenue = settled.revenueCents()[i] + (more == null ? 0 : more[1]);
            offer(kept, productId, units, revenue, ranking, limit);
        }
        liveOnly.forEach((productId, sums) -> offer(kept, productId, sums[0], sums[1], ranking, limit));
        List<RankedProduct> best = new ArrayList<>(kept);
        best.sort(order);
        return best;
    }

    // compared on primitives first: most of a week's 450k products lose to the worst kept, and are never allocated
    private static void offer(PriorityQueue<RankedProduct> kept, long productId, long units, long revenueCents,
                              SalesReports.Ranking ranking, int limit) {
        if (units <= 0) {
            return;
        }
        if (kept.size() < limit) {
            kept.add(new RankedProduct(productId, units, revenueCents));
        } else if (beats(productId, units, revenueCents, kept.peek(), ranking)) {
            kept.poll();
            kept.add(new RankedProduct(productId, units, revenueCents));
        }
    }

    private static boolean beats(long productId, long units, long revenueCents, RankedProduct worst,
                                 SalesReports.Ranking ranking) {
        long first = ranking == SalesReports.Ranking.UNITS ? units : revenueCents;
        long worstFirst = ranking == SalesReports.Ranking.UNITS ? worst.units() : worst.revenueCents();
        if (first != worstFirst) {
            return first > worstFirst;
        }
        long second = ranking == SalesReports.Ranking.UNITS ? revenueCents : units;
        long worstSecond = ranking == SalesReports.Ranking.UNITS ? worst.revenueCents() : worst.units();
        if (second != worstSecond) {
            return second > worstSecond;
        }
        return productId < worst.productId();
    }
}
