package dev.streamcart.serving.sellers;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A seller as anyone may see it: no e-mail, tax id or commission. {@code ratingAverage} is the
 * mean star rating over every review of the seller's products (null before the first).
 */
public record SellerProfile(long id, String name, @Nullable String businessType, boolean verified,
                            @Nullable String ratingAverage, int ratingCount, Instant memberSince) {}
