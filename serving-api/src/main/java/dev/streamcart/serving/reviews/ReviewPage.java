package dev.streamcart.serving.reviews;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of a product's reviews, with the product's current rating ({@code ratingAverage} null before the first). */
public record ReviewPage(long productId, @Nullable String ratingAverage, int ratingCount, String sort, int page,
                         int size, long total, List<Review> items) {

    public ReviewPage {
        items = List.copyOf(items);
    }
}
