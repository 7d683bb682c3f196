package dev.streamcart.serving.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rounding rule of tax, in one place: tax is computed per order line as line total times rate,
 * rounded to cents with HALF_EVEN (banker's rounding: exact halves go to the even cent, so rounding
 * errors do not drift one way over many lines). A seller's and an order's tax are sums of line taxes,
 * never re-rounded.
 */
public final class Tax {

    private Tax() {}

    public static BigDecimal of(BigDecimal lineTotal, BigDecimal rate) {
        return lineTotal.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    }
}
