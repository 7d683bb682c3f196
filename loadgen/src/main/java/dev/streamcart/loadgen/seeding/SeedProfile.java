package dev.streamcart.loadgen.seeding;

/** Named sizes: {@code smoke} for CI, {@code large} for the scale measurements. */
public enum SeedProfile {

    SMOKE(2_000, 2_000, 10_000, 7),
    LARGE(1_000_000, 1_000_000, 2_000_000, 7);

    private final long products;
    private final long users;
    private final long orders;
    private final int days;

    SeedProfile(long products, long users, long orders, int days) {
        this.products = products;
        this.users = users;
        this.orders = orders;
        this.days = days;
    }

    public SeedSize size(long seed) {
        return new SeedSize(products, users, orders, days, seed);
    }
}
