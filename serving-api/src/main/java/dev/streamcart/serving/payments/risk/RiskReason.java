package dev.streamcart.serving.payments.risk;

/**
 * One reason a payment looks risky, with its weight in the score (points out of 100). The weights
 * follow the design's fraud rules: more than 10 orders in 24 hours and a price that differs from
 * the catalogue were each enough to refuse an order there, so each alone exceeds the default
 * threshold (60); the softer signals only block together (a high-value order from a new device to a
 * new address: 35 + 15 + 15 = 65).
 */
public enum RiskReason {
    /** The order total is at or above the high-value amount (default 1000.00). */
    HIGH_AMOUNT("high_amount", 35),
    /** The buyer placed more than {@link RiskScorer#VELOCITY_LIMIT} orders in the last 24 hours. */
    VELOCITY("velocity", 65),
    /** The buyer paid with more than {@link RiskScorer#CARD_LIMIT} different cards in the last 24 hours (card testing). */
    MANY_CARDS("many_cards", 30),
    /** The {@code X-Device-Id} has not paid successfully for this buyer before. */
    NEW_DEVICE("new_device", 15),
    /**
     * No {@code X-Device-Id} was sent: as unknown as a new device, so leaving the header out never
     * scores lower than sending an unknown one.
     */
    MISSING_DEVICE("missing_device", 15),
    /** The order ships to an address none of the buyer's paid orders went to. */
    NEW_SHIPPING_ADDRESS("new_shipping_address", 15),
    /** An item's price in the order differs from the product's current price by more than a cent. */
    PRICE_MISMATCH("price_mismatch", 65);

    private final String code;
    private final int weight;

    RiskReason(String code, int weight) {
        this.code = code;
        this.weight = weight;
    }

    public String code() {
        return code;
    }

    public int weight() {
        return weight;
    }
}
