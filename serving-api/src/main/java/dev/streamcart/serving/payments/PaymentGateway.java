package dev.streamcart.serving.payments;

/**
 * A payment provider, provider-neutral: authorise an amount on an instrument, then capture it (or
 * void the authorisation), and refund captured money. {@link SimulatedPaymentGateway} is the
 * built-in one; a real provider implements the same interface and is passed to
 * {@code ServingApi.start(config, gateway)}. Implementations must not log or keep card numbers,
 * CVCs or IBANs.
 *
 * <p>Every request carries an idempotency reference: a provider called again with the same
 * reference (after a timeout, or after our transaction rolled back) answers the first result
 * instead of acting twice. A decline is a normal answer; {@link GatewayUnavailableException} means
 * the provider could not be reached or did not answer in time, and the call may be retried with
 * the same reference; any other exception is a permanent failure.
 */
public interface PaymentGateway {

    Authorization authorize(AuthorizationRequest request);

    /** Captures an authorisation and answers the provider's capture reference. */
    String capture(CaptureRequest request);

    /** Releases an authorisation that will not be captured; the buyer's funds are freed. */
    void voidAuthorization(VoidRequest request);

    /**
     * Returns {@code request.amount()} of a captured payment and answers the provider's refund
     * reference. An exception means the refund did not happen (the caller rolls back).
     */
    String refund(RefundRequest request);
}
