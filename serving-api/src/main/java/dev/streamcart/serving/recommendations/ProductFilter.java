package dev.streamcart.serving.recommendations;

/** Whether a product may be recommended to the user at hand. */
@FunctionalInterface
interface ProductFilter {

    boolean test(long productId);
}
