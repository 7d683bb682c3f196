package dev.streamcart.serving.reviews;

/** How a product's reviews are ordered; ties go to the newer review. */
public enum ReviewSort {
    NEWEST("r.created_at DESC, r.id DESC"),
    HELPFUL("r.helpful_count DESC, r.created_at DESC, r.id DESC");

    private final String orderBy;

    ReviewSort(String orderBy) {
        this.orderBy = orderBy;
    }

    /** A fixed SQL ORDER BY list (never built from input). */
    String orderBy() {
        return orderBy;
    }
}
