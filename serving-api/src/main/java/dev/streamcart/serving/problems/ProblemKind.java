package dev.streamcart.serving.problems;

/**
 * The kinds of failure the API reports, each with its HTTP status and RFC 9457 title. Use cases
 * name a kind; only {@link ProblemMapper} turns it into a response.
 */
public enum ProblemKind {
    INVALID_INPUT(400, "invalid-input", "Invalid input"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    PAYMENT_DECLINED(402, "payment-declined", "Payment declined"),
    PAYMENT_BLOCKED(402, "payment-blocked", "Payment blocked by fraud checks"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    CONFLICT(409, "conflict", "Conflict"),
    INSUFFICIENT_STOCK(409, "insufficient-stock", "Insufficient stock"),
    PRICE_CHANGED(409, "price-changed", "Price changed since the item was added to the cart"),
    CURRENCY_MISMATCH(409, "currency-mismatch", "A cart holds one currency"),
    UNPAID_LIMIT(409, "unpaid-limit", "Too many unpaid orders"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    UNPROCESSABLE(422, "unprocessable", "Unprocessable request"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused with a different request"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    private static final String TYPE_BASE = "https://streamcart.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last part of {@link #type()}, e.g. {@code insufficient-stock}; metrics tag refusals with it. */
    public String slug() {
        return slug;
    }

    public String type() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }
}
