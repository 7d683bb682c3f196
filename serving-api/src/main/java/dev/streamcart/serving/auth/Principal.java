package dev.streamcart.serving.auth;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling: the account behind a valid bearer token. {@code sellerId} is the seller business
 * the account runs, set only for sellers that registered one.
 */
public record Principal(long userId, Role role, @Nullable Long sellerId) {

    public Principal {
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** True when this caller may act on data belonging to {@code ownerUserId}. */
    public boolean mayActFor(long ownerUserId) {
        return isAdmin() || userId == ownerUserId;
    }

    /** True when this caller may act on data of seller {@code ownerSellerId}. */
    public boolean mayActForSeller(long ownerSellerId) {
        return isAdmin() || (sellerId != null && sellerId == ownerSellerId);
    }
}
