package dev.streamcart.serving.payments.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class RiskScorerTest {

    private final RiskScorer scorer = new RiskScorer(RiskScorer.DEFAULT_THRESHOLD, RiskScorer.DEFAULT_HIGH_AMOUNT);

    private static RiskSignals signals(String amount, int orders, int cards, boolean device, boolean address, int mismatches) {
        return new RiskSignals(new BigDecimal(amount), orders, cards, device, false, address, mismatches);
    }

    @Test
    void anOrdinaryPaymentScoresZero() {
        RiskAssessment risk = scorer.assess(signals("25.00", 1, 1, false, false, 0));

        assertThat(risk.score()).isZero();
        assertThat(risk.reasons()).isEmpty();
        assertThat(risk.blocked()).isFalse();
    }

    @Test
    void moreThanTenOrdersInADayBlocksOnItsOwnButTenDoNot() {
        assertThat(scorer.assess(signals("25.00", 10, 1, false, false, 0)).blocked()).isFalse();

        RiskAssessment risk = scorer.assess(signals("25.00", 11, 1, false, false, 0));

        assertThat(risk.reasons()).containsExactly(RiskReason.VELOCITY);
        assertThat(risk.score()).isEqualTo(65);
        assertThat(risk.blocked()).isTrue();
    }

    @Test
    void aPriceMismatchBlocksOnItsOwn() {
        RiskAssessment risk = scorer.assess(signals("25.00", 1, 1, false, false, 1));

        assertThat(risk.reasonCodes()).containsExactly("price_mismatch");
        assertThat(risk.blocked()).isTrue();
    }

    @Test
    void softSignalsBlockOnlyTogether() {
        assertThat(scorer.assess(signals("1000.00", 1, 1, true, false, 0)).score()).isEqualTo(50);
        assertThat(scorer.assess(signals("1000.00", 1, 1, true, false, 0)).blocked()).isFalse();
        assertThat(scorer.assess(signals("999.99", 1, 1, true, true, 0)).blocked()).isFalse();

        RiskAssessment risk = scorer.assess(signals("1000.00", 1, 1, true, true, 0));

        assertThat(risk.reasonCodes()).containsExactly("high_amount", "new_device", "new_shipping_address");
        assertThat(risk.score()).isEqualTo(65);
        assertThat(risk.blocked()).isTrue();
    }

    @Test
    void manyCardsInADayAddToTheScore() {
        assertThat(scorer.assess(signals("25.00", 1, 3, false, false, 0)).score()).isZero();
        assertThat(scorer.assess(signals("25.00", 1, 4, false, false, 0)).reasonCodes()).containsExactly("many_cards");
        assertThat(scorer.assess(signals("25.00", 1, 4, true, true, 0)).blocked()).isFalse();
        assertThat(scorer.assess(signals("1000.00", 1, 4, false, false, 0)).blocked()).isTrue();
    }

    @Test
    void theScoreIsCappedAt100AndOnlyAScoreAboveTheThresholdBlocks() {
        assertThat(scorer.assess(signals("5000.00", 50, 9, true, true, 3)).score()).isEqualTo(100);

        RiskScorer strict = new RiskScorer(50, new BigDecimal("100.00"));
        assertThat(strict.assess(signals("100.00", 1, 1, true, false, 0)).blocked()).as("50 is not over 50").isFalse();
        assertThat(strict.assess(signals("100.00", 1, 1, true, true, 0)).blocked()).isTrue();
    }

    @Test
    void aMissingDeviceCountsAsMuchAsANewOne() {
        RiskAssessment missing = scorer.assess(new RiskSignals(new BigDecimal("25.00"), 1, 1, false, true, false, 0));
        RiskAssessment unknown = scorer.assess(signals("25.00", 1, 1, true, false, 0));

        assertThat(missing.reasonCodes()).containsExactly("missing_device");
        assertThat(missing.score()).isEqualTo(unknown.score());
    }
}
