package dev.streamcart.serving.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class TaxTest {

    private static BigDecimal tax(String lineTotal, String rate) {
        return Tax.of(new BigDecimal(lineTotal), new BigDecimal(rate));
    }

    @Test
    void anExactHalfCentGoesToTheEvenCent() {
        // 12.00 x 8.875 % = 1.065: HALF_UP would charge 1.07
        assertThat(tax("12.00", "0.08875")).isEqualByComparingTo("1.06");
        // 4.00 x 8.875 % = 0.355: the even neighbour is above
        assertThat(tax("4.00", "0.08875")).isEqualByComparingTo("0.36");
    }

    @Test
    void anythingButAHalfRoundsToTheNearestCent() {
        assertThat(tax("59.97", "0.20")).isEqualByComparingTo("11.99"); // 11.994
        assertThat(tax("59.97", "0.08875")).isEqualByComparingTo("5.32"); // 5.3223...
        assertThat(tax("0.06", "0.08875")).isEqualByComparingTo("0.01"); // 0.005325
        assertThat(tax("10.00", "0")).isEqualByComparingTo("0.00");
    }

    @Test
    void taxAlwaysHasTwoFractionDigits() {
        assertThat(tax("10.00", "0.20").scale()).isEqualTo(2);
    }
}
