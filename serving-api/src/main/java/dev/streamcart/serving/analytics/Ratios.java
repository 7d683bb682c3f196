package dev.streamcart.serving.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.streamcart.serving.money.Money;

/** Exact arithmetic for the figures derived at query time: rates and averages, never via doubles. */
final class Ratios {

    private Ratios() {}

    /** {@code part / whole} with four decimals (0.1234 = 12.34 %); 0 when whole is 0. */
    static BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** {@code cents / count} as a money string, rounded half up to the cent; "0.00" when count is 0. */
    static String averageMoney(long cents, long count) {
        if (count == 0) {
            return Money.formatCents(0);
        }
        return Money.formatCents(BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP)
                .longValueExact());
    }
}
