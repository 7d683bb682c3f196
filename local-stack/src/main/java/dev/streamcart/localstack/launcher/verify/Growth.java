package dev.streamcart.localstack.launcher.verify;

/** How the verifier's primitive columns grow: by half, so a copy never needs more than 2.5 times the data. */
final class Growth {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private Growth() {}

    static int next(int length) {
        long next = Math.max(16L, length + (length >> 1));
        if (length >= MAX_ARRAY) {
            throw new IllegalStateException("more than " + MAX_ARRAY + " entries");
        }
        return (int) Math.min(next, MAX_ARRAY);
    }
}
