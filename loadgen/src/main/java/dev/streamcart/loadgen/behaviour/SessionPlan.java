package dev.streamcart.loadgen.behaviour;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What one shopper does in one visit: maybe a search first, the products viewed, in order, and the
 * checkout if the visit converts.
 */
public record SessionPlan(String sessionId, long userId, long preferredCategoryId, @Nullable SearchPlan search,
        List<Long> viewedProductIds, @Nullable CheckoutPlan checkout) {

    public SessionPlan {
        Objects.requireNonNull(sessionId, "sessionId");
        viewedProductIds = List.copyOf(viewedProductIds);
    }

    /** A visit without a search. */
    public SessionPlan(String sessionId, long userId, long preferredCategoryId, List<Long> viewedProductIds,
            @Nullable CheckoutPlan checkout) {
        this(sessionId, userId, preferredCategoryId, null, viewedProductIds, checkout);
    }
}
