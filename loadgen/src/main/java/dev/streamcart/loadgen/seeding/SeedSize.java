package dev.streamcart.loadgen.seeding;

import java.util.ArrayList;
import java.util.List;

/**
 * How much marketplace to generate. Sizes are checked by {@link #problems()} before anything is
 * written; the limits keep a typo (an extra zero) from filling the disk of a laptop for hours.
 *
 * @param products products in the catalog
 * @param users    registered customers, each with a shipping address
 * @param orders   orders placed over the last {@code days} days
 * @param days     length of the order history, ending at the time of the seed
 * @param seed     the random seed: the same seed gives the same data
 */
public record SeedSize(long products, long users, long orders, int days, long seed) {

    public static final long MAX_PRODUCTS = 10_000_000;
    public static final long MAX_USERS = 10_000_000;
    public static final long MAX_ORDERS = 20_000_000;
    public static final int MAX_DAYS = 365;

    /** Click events that lead to one order: views of the sessions that buy and of those that only browse. */
    public static final int CLICKS_PER_ORDER = 10;

    /** Every reason these sizes cannot be seeded; empty when they can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        requireWithin(problems, "--products", products, 1, MAX_PRODUCTS);
        requireWithin(problems, "--users", users, 1, MAX_USERS);
        requireWithin(problems, "--orders", orders, 0, MAX_ORDERS);
        requireWithin(problems, "--days", days, 1, MAX_DAYS);
        return problems;
    }

    private static void requireWithin(List<String> problems, String option, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** The click events the seed produces, about {@value #CLICKS_PER_ORDER} per order. */
    public long expectedClicks() {
        return orders * CLICKS_PER_ORDER;
    }
}
