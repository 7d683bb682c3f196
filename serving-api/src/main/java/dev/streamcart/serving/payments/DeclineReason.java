package dev.streamcart.serving.payments;

/** Why a gateway refused an authorisation; {@link #code()} is what events and responses carry. */
public enum DeclineReason {
    CARD_DECLINED("card_declined", "the card was declined"),
    INSUFFICIENT_FUNDS("insufficient_funds", "the account has insufficient funds"),
    FRAUD_SUSPECTED("fraud_suspected", "the payment was blocked by the provider as suspected fraud"),
    EXPIRED_CARD("expired_card", "the card has expired");

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
