package dev.streamcart.loadgen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import dev.streamcart.loadgen.catalog.CatalogPlan.ProductSpec;
import dev.streamcart.loadgen.catalog.StoreBlueprint.LeafSpec;
import org.junit.jupiter.api.Test;

class CatalogPlanTest {

    private static CatalogPlan plan(long seed) {
        return CatalogPlan.create("ab12cd", 200, 300, new SplittableRandom(seed));
    }

    @Test
    void plansTwoHundredUniquelyNamedProductsAcrossEveryLeafCategory() {
        CatalogPlan plan = plan(1);

        assertThat(plan.products()).hasSize(200);
        Set<String> skus = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> leaves = new HashSet<>();
        for (ProductSpec product : plan.products()) {
            skus.add(product.sku());
            names.add(product.name());
            leaves.add(product.leaf().name());
            assertThat(product.sku()).matches("[A-Z]{3}-AB12CD-\\d{4}");
            assertThat(product.initialStock()).hasSize(plan.warehouses().size()).allMatch(units -> units > 0);
        }
        assertThat(skus).hasSize(200);
        assertThat(names).hasSize(200);
        assertThat(leaves).hasSize(StoreBlueprint.LEAVES.size());
        assertThat(plan.products().stream().map(ProductSpec::popularityRank).distinct().count()).isEqualTo(200);
        // a few popular products arrive short, below the default low-stock threshold of 10 per product
        // after a handful of sales, so a short run shows stock alerts
        List<ProductSpec> shortStocked = plan.products().stream()
                .filter(product -> product.initialStock().stream().mapToInt(Integer::intValue).sum() < 30).toList();
        assertThat(shortStocked).hasSize(CatalogPlan.SHORT_STOCKED)
                .allMatch(product -> product.popularityRank() >= 10 && product.popularityRank() < 10 + CatalogPlan.SHORT_STOCKED);
    }

    @Test
    void pricesEndInNinetyNineCentsStayInTheBandAndAreMostlyCheap() {
        CatalogPlan plan = plan(2);
        for (LeafSpec leaf : StoreBlueprint.LEAVES) {
            List<BigDecimal> prices = plan.products().stream().filter(p -> p.leaf().equals(leaf))
                    .map(ProductSpec::price).toList();
            BigDecimal midpoint = leaf.minPrice().add(leaf.maxPrice()).divide(BigDecimal.valueOf(2));
            long belowMidpoint = prices.stream().filter(price -> price.compareTo(midpoint) < 0).count();
            assertThat(belowMidpoint).as("cheap products in %s", leaf.name()).isGreaterThan(prices.size() / 2L);
            for (BigDecimal price : prices) {
                assertThat(price.scale()).isEqualTo(2);
                assertThat(price.remainder(BigDecimal.ONE)).isEqualByComparingTo("0.99");
                assertThat(price).isGreaterThan(leaf.minPrice().subtract(BigDecimal.ONE)).isLessThan(leaf.maxPrice());
            }
        }
    }

    @Test
    void fewProductsAreExpensive() {
        List<BigDecimal> prices = plan(5).products().stream().map(ProductSpec::price).sorted().toList();
        BigDecimal median = prices.get(prices.size() / 2);
        BigDecimal mean = prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(prices.size()), 2, RoundingMode.HALF_UP);
        long overFiveHundred = prices.stream().filter(price -> price.compareTo(new BigDecimal("500")) > 0).count();

        assertThat(median).isLessThan(new BigDecimal("60"));
        assertThat(mean).isGreaterThan(median.multiply(BigDecimal.valueOf(2)));
        assertThat(overFiveHundred).isBetween(1L, 20L);
    }

    @Test
    void leafSharesAddUpToTheRequestedProductCount() {
        for (int count : new int[] {11, 50, 200, 333}) {
            int[] perLeaf = CatalogPlan.productsPerLeaf(count);
            int sum = 0;
            for (int n : perLeaf) {
                assertThat(n).isPositive();
                sum += n;
            }
            assertThat(sum).isEqualTo(count);
        }
    }

    @Test
    void usersHaveUniqueEmailsAndPreferredLeaves() {
        CatalogPlan plan = plan(3);

        assertThat(plan.users()).hasSize(300);
        assertThat(plan.users().stream().map(CatalogPlan.UserSpec::email).distinct().count()).isEqualTo(300);
        assertThat(plan.users()).allMatch(user -> user.email().endsWith(".ab12cd@example.com"));
        assertThat(plan.users().stream().map(user -> user.preferredLeaf().name()).distinct().count())
                .isGreaterThan(8);
    }

    @Test
    void sameSeedAndTagGiveTheSamePlan() {
        assertThat(plan(4)).isEqualTo(plan(4));
    }
}
