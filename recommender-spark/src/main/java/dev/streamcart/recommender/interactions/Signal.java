package dev.streamcart.recommender.interactions;

/** The kinds of implicit feedback the recommender learns from, as written in the {@code signal} column. */
public enum Signal {
    PURCHASE, VIEW, CART_ADD
}
