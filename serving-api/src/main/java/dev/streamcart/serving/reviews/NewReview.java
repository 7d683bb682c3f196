package dev.streamcart.serving.reviews;

import java.util.Objects;

import dev.streamcart.serving.problems.DomainException;

/** What a buyer writes: 1 to 5 stars, a title and a text. */
public record NewReview(int rating, String title, String text) {

    public NewReview {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        if (rating < 1 || rating > 5) {
            throw DomainException.invalidInput("'rating' must be an integer from 1 to 5");
        }
    }
}
