package dev.streamcart.loadgen.behaviour;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What one shopper does in one visit: the products viewed, in order, and the checkout if the
 * visit converts.
 */
public record SessionPlan(String sessionId, long userId, long preferredCategoryId, List<Long> viewedProductIds,
        @Nullable CheckoutPlan checkout) {

    public SessionPlan {
        Objects.requireNonNull(sessionId, "sessionId");
        viewedProductIds = List.copyOf(viewedProductIds);
    }
}
