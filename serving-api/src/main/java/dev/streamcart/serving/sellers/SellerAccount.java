package dev.streamcart.serving.sellers;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A seller as the operator manages it: verification and commission rate (percent of revenue). */
public record SellerAccount(long id, String name, String email, @Nullable String businessType, boolean verified,
                            @Nullable Instant verifiedAt, String commissionRate) {}
