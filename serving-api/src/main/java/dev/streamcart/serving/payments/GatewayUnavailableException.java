package dev.streamcart.serving.payments;

/**
 * The gateway could not be reached or did not answer in time. The request may or may not have
 * been processed; retrying with the same idempotency reference is safe and finds out.
 */
public class GatewayUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
