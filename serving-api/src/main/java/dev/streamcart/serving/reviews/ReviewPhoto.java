package dev.streamcart.serving.reviews;

/** A photo attached to a review; {@code url} serves its bytes. */
public record ReviewPhoto(String sha256, String url, String contentType, int sizeBytes) {}
