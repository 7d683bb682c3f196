package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A top list from settled and live sums is what ranking every product's total would give. */
class RankedProductTest {

    @Test
    void theBestOfSettledAndLiveSumsAreThoseOfTheTotals() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int products = 1 + random.nextInt(300);
            List<List<String>> settledRows = new ArrayList<>();
            Map<Long, long[]> live = new HashMap<>();
            Map<Long, long[]> totals = new HashMap<>();
            for (long id = 1; id <= products; id++) {
                // few distinct values: ties on the first and second key are common
                if (random.nextInt(4) > 0) {
                    long units = random.nextInt(4);
                    long revenue = 100L * random.nextInt(4);
                    settledRows.add(List.of(String.valueOf(id), String.valueOf(units), String.valueOf(revenue)));
                    totals.merge(id, new long[] {units, revenue}, RankedProductTest::plus);
                }
                if (random.nextInt(3) == 0) {
                    long[] sums = {random.nextInt(3), 100L * random.nextInt(3)};
                    // the same product as a settled one, or one sold only in the live part
                    long liveId = random.nextBoolean() ? id : id + 1_000;
                    live.put(liveId, sums);
                    totals.merge(liveId, sums, RankedProductTest::plus);
                }
            }
            SettledProductSales.Sums settled = SettledProductSales.Sums.of(settledRows);
            int limit = 1 + random.nextInt(12);
            for (SalesReports.Ranking ranking : SalesReports.Ranking.values()) {
                List<RankedProduct> expected = totals.entrySet().stream()
                        .filter(total -> total.getValue()[0] > 0)
                        .map(total -> new RankedProduct(total.getKey(), total.getValue()[0], total.getValue()[1]))
                        .sorted(RankedProduct.order(ranking)).limit(limit).toList();

                assertThat(RankedProduct.best(settled, live, ranking, limit)).as("round %d by %s", round, ranking)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void productsWithoutUnitsAreLeftOut() {
        SettledProductSales.Sums settled = SettledProductSales.Sums.of(List.of(
                List.of("1", "0", "0"), List.of("2", "3", "900")));

        assertThat(RankedProduct.best(settled, Map.of(3L, new long[] {0, 0}), SalesReports.Ranking.REVENUE, 10))
                .containsExactly(new RankedProduct(2, 3, 900));
    }

    private static long[] plus(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }
}
