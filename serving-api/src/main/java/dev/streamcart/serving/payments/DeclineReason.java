package dev.streamcart.serving.payments;

/** Why a gateway refused a charge; {@link #code()} is what events and responses carry. */
public enum DeclineReason {
    CARD_DECLINED("card_declined", "the card was declined"),
    INSUFFICIENT_FUNDS("insufficient_funds", "the card has insufficient funds"),
    FRAUD_SUSPECTED("fraud_suspected", "the payment was blocked as suspected fraud");

    private final String code;
    private final String description;

    DeclineReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
