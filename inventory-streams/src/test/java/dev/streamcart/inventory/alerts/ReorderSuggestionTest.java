package dev.streamcart.inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamcart.inventory.velocity.SalesVelocity;
import org.junit.jupiter.api.Test;

class ReorderSuggestionTest {

    private final ReorderSuggestion suggestion = new ReorderSuggestion(14);

    @Test
    void coversTheDaysAtTheRecentPacePlusSafetyStock() {
        StockTotals totals = new StockTotals(8, 3, 10, 5);
        assertThat(suggestion.quantity(totals, new SalesVelocity(20, 70, 10.0))).isEqualTo(140 + 10 - 3);
    }

    @Test
    void withoutSalesItRefillsToTheThreshold() {
        assertThat(suggestion.quantity(new StockTotals(2, 2, 10, 5), SalesVelocity.NONE)).isEqualTo(8);
    }

    @Test
    void alwaysSuggestsAtLeastOneUnit() {
        assertThat(suggestion.quantity(new StockTotals(50, 50, 10, 60), SalesVelocity.NONE)).isEqualTo(1);
    }
}
