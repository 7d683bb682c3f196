package dev.streamcart.serving.payments;

/**
 * When an authorisation is captured. {@link #AUTOMATIC} (the default) captures right after the
 * authorisation, in the same request; {@link #MANUAL} leaves the payment AUTHORIZED (the order
 * still PENDING_PAYMENT) until it is captured or voided.
 */
public enum CaptureMode {
    AUTOMATIC,
    MANUAL
}
