package dev.streamcart.loadgen.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderBudgetTest {

    @Test
    void neverAllowsMoreCheckoutsInFlightThanOrdersLeft() {
        OrderBudget budget = OrderBudget.of(2);

        assertThat(budget.tryReserve()).isTrue();
        assertThat(budget.tryReserve()).isTrue();
        assertThat(budget.tryReserve()).isFalse();
        assertThat(budget.isExhausted()).isFalse();
    }

    @Test
    void releasedReservationGoesBackToTheBudget() {
        OrderBudget budget = OrderBudget.of(1);
        budget.tryReserve();

        budget.release();

        assertThat(budget.tryReserve()).isTrue();
        budget.confirm();
        assertThat(budget.isExhausted()).isTrue();
        assertThat(budget.placed()).isEqualTo(1);
        assertThat(budget.tryReserve()).isFalse();
    }

    @Test
    void unlimitedBudgetIsNeverExhausted() {
        OrderBudget budget = OrderBudget.unlimited();
        for (int i = 0; i < 1000; i++) {
            assertThat(budget.tryReserve()).isTrue();
            budget.confirm();
        }
        assertThat(budget.isExhausted()).isFalse();
    }
}
