package dev.streamcart.serving.payments.risk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores a payment attempt: the sum of the weights of the {@link RiskReason}s that apply, capped at
 * 100. A score above the threshold blocks the payment before anything is sent to the gateway.
 */
public final class RiskScorer {

    public static final int DEFAULT_THRESHOLD = 60;
    public static final BigDecimal DEFAULT_HIGH_AMOUNT = new BigDecimal("1000.00");
    /** The design's rule: more than 10 orders in 24 hours is suspicious. */
    public static final int VELOCITY_LIMIT = 10;
    public static final int CARD_LIMIT = 3;

    private final int threshold;
    private final BigDecimal highAmount;

    public RiskScorer(int threshold, BigDecimal highAmount) {
        this.threshold = threshold;
        this.highAmount = Objects.requireNonNull(highAmount, "highAmount");
    }

    public RiskAssessment assess(RiskSignals signals) {
        List<RiskReason> reasons = new ArrayList<>();
        if (signals.amount().compareTo(highAmount) >= 0) {
            reasons.add(RiskReason.HIGH_AMOUNT);
        }
        if (signals.ordersLast24h() > VELOCITY_LIMIT) {
            reasons.add(RiskReason.VELOCITY);
        }
        if (signals.distinctCardsLast24h() > CARD_LIMIT) {
            reasons.add(RiskReason.MANY_CARDS);
        }
        if (signals.newDevice()) {
            reasons.add(RiskReason.NEW_DEVICE);
        }
        if (signals.deviceMissing()) {
            reasons.add(RiskReason.MISSING_DEVICE);
        }
        if (signals.newShippingAddress()) {
            reasons.add(RiskReason.NEW_SHIPPING_ADDRESS);
        }
        if (signals.priceMismatches() > 0) {
            reasons.add(RiskReason.PRICE_MISMATCH);
        }
        int score = Math.min(100, reasons.stream().mapToInt(RiskReason::weight).sum());
        return new RiskAssessment(score, reasons, score > threshold);
    }
}
