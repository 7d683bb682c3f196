package dev.streamcart.serving.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Where storefront behaviour goes; {@link #disabled()} when the API runs without Kafka. */
public interface Clickstream extends AutoCloseable {

    /** The storefront's session header, and the longest value taken from it. */
    String SESSION_HEADER = "X-Session-Id";
    int MAX_SESSION_ID_LENGTH = 128;

    /** Records that a session looked at a product. Never throws and never blocks for long. */
    void productViewed(String sessionId, @Nullable Long userId, long productId, long categoryId);

    /** Records that a session put a product into its cart (CART_ADD). Never throws and never blocks for long. */
    void cartAdded(String sessionId, @Nullable Long userId, long productId, long categoryId);
    /**
     * A product view reached from a recommendation of the given A/B variant ("A"/"B", null when not
     * from a recommendation). An implementation that does not track variants records a plain view.
     */
    default void productViewed(String sessionId, @Nullable Long userId, long productId, long categoryId,
                               @Nullable String recommendationVariant) {
        productViewed(sessionId, userId, productId, categoryId);
    }

    /** A cart add reached from a recommendation of the given variant (null: not from one). */
    default void cartAdded(String sessionId, @Nullable Long userId, long productId, long categoryId,
                           @Nullable String recommendationVariant) {
        cartAdded(sessionId, userId, productId, categoryId);
    }

    /**
     * Records that recommendations of {@code variant} showed these products: one
     * RECOMMENDATION_IMPRESSION per product, so ClickHouse can compute CTR per variant.
     */
    default void recommendationsShown(String sessionId, @Nullable Long userId, String variant, List<Long> productIds) {
        // an implementation without recommendation tracking records nothing
    }

    /**
     * Records that a session searched ({@code query} may be empty for a browse by filters only,
     * {@code categoryId} is the category filter). Never throws and never blocks for long.
     */
    default void searched(String sessionId, @Nullable Long userId, String query, @Nullable Long categoryId) {
        // an implementation without search tracking records nothing
    }

    /**
     * Records that a signed-in user began a checkout: the cart's totals were quoted, or an order was
     * placed directly. The funnel's step between adding to the cart and paying.
     */
    default void checkoutStarted(String sessionId, long userId) {
        // an implementation without checkout tracking records nothing
    }

    /**
     * The session a signed-in user's event belongs to: the storefront's {@code X-Session-Id} when it
     * sent a usable one, else one session per user ({@code user-<id>}).
     */
    static String sessionOf(@Nullable String sessionHeader, long userId) {
        if (sessionHeader == null || sessionHeader.isBlank() || sessionHeader.length() > MAX_SESSION_ID_LENGTH) {
            return "user-" + userId;
        }
        return sessionHeader.trim();
    }

    @Override
    void close();

    static Clickstream disabled() {
        return new Clickstream() {
            @Override
            public void productViewed(String sessionId, @Nullable Long userId, long productId, long categoryId) {
                // no Kafka configured: behaviour is not recorded
            }

            @Override
            public void cartAdded(String sessionId, @Nullable Long userId, long productId, long categoryId) {
                // no Kafka configured: behaviour is not recorded
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }
}
