package dev.streamcart.serving.reviews;

/** The outcome of a "helpful" vote: {@code counted} is false when the caller had already voted. */
public record HelpfulVote(long reviewId, int helpfulCount, boolean counted) {}
