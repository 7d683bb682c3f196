package dev.streamcart.serving.payments;

/**
 * A card payment provider. {@link SimulatedPaymentGateway} is the built-in one; a real provider
 * implements the same interface. Implementations must not log or keep the card number.
 */
public interface PaymentGateway {

    /**
     * Captures {@code request.amount()}. A decline is a normal answer; an exception means the
     * provider could not be reached or answered nonsense (the caller rolls back and reports 503).
     */
    ChargeResult charge(ChargeRequest request);

    /**
     * Returns {@code request.amount()} of a captured payment to the card and answers the provider's
     * refund reference. An exception means the refund did not happen (the caller rolls back).
     */
    String refund(RefundRequest request);
}
