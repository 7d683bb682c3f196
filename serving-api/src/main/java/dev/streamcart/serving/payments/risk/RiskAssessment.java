package dev.streamcart.serving.payments.risk;

import java.util.List;

/** A risk score (0..100), the reasons that made it, and whether it blocks the payment. */
public record RiskAssessment(int score, List<RiskReason> reasons, boolean blocked) {

    public RiskAssessment {
        reasons = List.copyOf(reasons);
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a risk score is within 0..100, was " + score);
        }
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(RiskReason::code).toList();
    }
}
