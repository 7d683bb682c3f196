package dev.streamcart.loadgen.behaviour;

import org.jspecify.annotations.Nullable;

/**
 * How a placed order ends: paid with one of the payment simulator's documented test cards, or
 * cancelled. These are public test numbers, never real cards.
 */
public enum OrderEnding {

    PAY_WITH_VALID_CARD("4242424242424242"),
    PAY_WITH_DECLINED_CARD("4000000000000002"),
    PAY_WITH_INSUFFICIENT_FUNDS_CARD("4000000000009995"),
    CANCEL(null);

    private final @Nullable String testCardNumber;

    OrderEnding(@Nullable String testCardNumber) {
        this.testCardNumber = testCardNumber;
    }

    /** The test card to pay with; only for endings that pay. */
    public String testCardNumber() {
        if (testCardNumber == null) {
            throw new IllegalStateException(this + " does not pay");
        }
        return testCardNumber;
    }
}
