package dev.streamcart.serving.payments;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request to pay an order. {@link #toString()} never shows a card number, CVC or IBAN.
 *
 * @param deviceId the caller's {@code X-Device-Id}, a risk signal; null when not sent
 */
public record PayOrder(long orderId, PaymentInstrument instrument, CaptureMode capture, @Nullable String deviceId) {

    public PayOrder {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(capture, "capture");
    }

    public PaymentMethod method() {
        return instrument.method();
    }

    /** What identifies this request for idempotency without holding any secret. */
    public Fingerprint fingerprint() {
        int cardLength = instrument instanceof PaymentInstrument.Card card ? card.number().length() : 0;
        return new Fingerprint(orderId, method().code(), instrument.stored(), cardLength, capture.name());
    }

    public record Fingerprint(long orderId, String method, PaymentInstrument.Stored instrument, int cardLength,
                              String capture) {}
}
