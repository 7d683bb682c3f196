package dev.streamcart.serving.reviews;

import java.time.Instant;
import java.util.List;

/**
 * A product review as shoppers see it. {@code author} is the reviewer's first name and last
 * initial ("Ada L."); every review is a verified purchase, since only buyers may write one.
 */
public record Review(long id, long productId, long userId, String author, int rating, String title, String text,
                     int helpfulCount, boolean verifiedPurchase, Instant createdAt, List<ReviewPhoto> photos) {

    public Review {
        photos = List.copyOf(photos);
    }
}
