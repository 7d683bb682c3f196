package dev.streamcart.serving.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money on the wire: a decimal string with two fraction digits ("19.99"), never a JSON number. */
public final class Money {

    private Money() {}

    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static String formatCents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** Exact conversion to minor units; amounts always have at most two fraction digits here. */
    public static long toCents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }
}
