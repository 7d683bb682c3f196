package dev.streamcart.serving.payments;

import java.util.Locale;
import java.util.Objects;

import dev.streamcart.serving.problems.DomainException;

/** A request to pay an order by card. {@link #toString()} never shows the card number. */
public record PayOrder(long orderId, String method, CardNumber card) {

    public static final String CARD = "card";

    public PayOrder {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(card, "card");
        method = method.toLowerCase(Locale.ROOT);
        if (!CARD.equals(method)) {
            throw DomainException.unprocessable("payment method '" + method + "' is not supported; use \"card\"");
        }
    }

    /** What identifies this request for idempotency without holding the card number. */
    public Fingerprint fingerprint() {
        return new Fingerprint(orderId, method, card.brand(), card.last4(), card.length());
    }

    public record Fingerprint(long orderId, String method, String cardBrand, String cardLast4, int cardLength) {}
}
