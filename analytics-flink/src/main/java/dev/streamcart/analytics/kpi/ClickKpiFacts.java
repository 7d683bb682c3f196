package dev.streamcart.analytics.kpi;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What one (deduplicated) click event adds to the per-minute KPI tables, in its own minute: a
 * signed-in user is ACTIVE; PRODUCT_VIEW, CART_ADD and CHECKOUT_START are funnel stages in the
 * event's category (0 when it has none); RECOMMENDATION_IMPRESSION, and a PRODUCT_VIEW or CART_ADD
 * carrying a variant, count for that variant. Clicks carry no money, so their variant rows have
 * currency {@code ""} (purchases are under the order's currency).
 */
public final class ClickKpiFacts implements FlatMapFunction<ClickFacts, MinuteFact> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(ClickFacts click, Collector<MinuteFact> out) {
        if (click.userId() > 0) {
            out.collect(new MinuteFact(KpiTable.USER_ACTIVITY, new long[] {click.userId()},
                    new String[] {OrderKpiFacts.ACTIVE}, new long[0]));
        }
        switch (click.type()) {
            case PRODUCT_VIEW, CART_ADD, CHECKOUT_START -> out.collect(new MinuteFact(KpiTable.FUNNEL,
                    new long[] {click.categoryId()}, new String[] {click.type().name()}, new long[] {1}));
            default -> {
                // searches and unknown types are only activity
            }
        }
        if (click.recommendationVariant().isEmpty()) {
            return;
        }
        long[] measures = switch (click.type()) {
            case RECOMMENDATION_IMPRESSION -> new long[] {1, 0, 0, 0, 0, 0};
            case PRODUCT_VIEW -> new long[] {0, 1, 0, 0, 0, 0};
            case CART_ADD -> new long[] {0, 0, 1, 0, 0, 0};
            default -> null;
        };
        if (measures != null) {
            out.collect(new MinuteFact(KpiTable.RECOMMENDATION_VARIANTS, new long[0],
                    new String[] {click.recommendationVariant(), ""}, measures));
        }
    }
}
