package dev.streamcart.loadgen.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

import dev.streamcart.loadgen.catalog.StoreBlueprint.LeafSpec;
import dev.streamcart.loadgen.catalog.StoreBlueprint.SellerSpec;
import dev.streamcart.loadgen.catalog.StoreBlueprint.WarehouseSpec;

/**
 * Everything a new catalog will contain, decided up front and without HTTP: product names, SKUs,
 * prices, popularity, initial stock, shoppers and their preferred categories. The same seed and
 * tag give the same plan.
 *
 * @param runTag tag inside every SKU and e-mail address, so that a fresh catalog never collides with
 *               an earlier one in the same database
 */
record CatalogPlan(String runTag, List<SellerSpec> sellers, List<String> roots, List<LeafSpec> leaves,
        List<WarehouseSpec> warehouses, List<ProductSpec> products, List<UserSpec> users) {

    /** The password of every simulated shopper (synthetic accounts, documented in the README). */
    static final String SHOPPER_PASSWORD = "loadgen-shopper-1";

    private static final BigDecimal ONE_CENT = new BigDecimal("0.01");
    /** Higher means more cheap products and fewer expensive ones. */
    private static final double PRICE_SKEW = 2.2;

    /**
     * @param initialStock units received in each warehouse (same order as {@link #warehouses})
     */
    record ProductSpec(int sellerIndex, LeafSpec leaf, String sku, String name, String description, BigDecimal price,
            int popularityRank, List<Integer> initialStock) {}

    record UserSpec(String email, String firstName, String lastName, LeafSpec preferredLeaf) {}

    CatalogPlan {
        Objects.requireNonNull(runTag, "runTag");
        sellers = List.copyOf(sellers);
        roots = List.copyOf(roots);
        leaves = List.copyOf(leaves);
        warehouses = List.copyOf(warehouses);
        products = List.copyOf(products);
        users = List.copyOf(users);
    }

    static CatalogPlan create(String runTag, int productCount, int userCount, RandomGenerator random) {
        if (productCount < StoreBlueprint.LEAVES.size()) {
            throw new IllegalArgumentException("need at least " + StoreBlueprint.LEAVES.size() + " products, was "
                    + productCount);
        }
        if (userCount <= 0) {
            throw new IllegalArgumentException("need at least one user, was " + userCount);
        }
        List<ProductSpec> products = products(runTag, productCount, random);
        List<UserSpec> users = users(runTag, userCount, random);
        return new CatalogPlan(runTag, StoreBlueprint.SELLERS, StoreBlueprint.ROOTS, StoreBlueprint.LEAVES,
                StoreBlueprint.WAREHOUSES, products, users);
    }

    String sellerEmail(SellerSpec seller) {
        return seller.emailLocalPart() + "." + runTag + "@example.com";
    }

    private static List<ProductSpec> products(String runTag, int productCount, RandomGenerator random) {
        int[] perLeaf = productsPerLeaf(productCount);
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            ranks.add(i);
        }
        Collections.shuffle(ranks, new Random(random.nextLong()));
        List<ProductSpec> products = new ArrayList<>();
        for (int leafIndex = 0; leafIndex < perLeaf.length; leafIndex++) {
            LeafSpec leaf = StoreBlueprint.LEAVES.get(leafIndex);
            Set<String> names = new HashSet<>();
            for (int n = 0; n < perLeaf[leafIndex]; n++) {
                int number = products.size() + 1;
                int rank = ranks.get(products.size());
                String name = uniqueName(leaf, names, random);
                int sellerIndex = sellerFor(leaf, random);
                String sku = String.format(Locale.ROOT, "%s-%s-%04d", leaf.skuCode(), runTag, number).toUpperCase(Locale.ROOT);
                String description = name + ". " + leaf.name() + " from the " + leaf.root() + " department, sold by "
                        + StoreBlueprint.SELLERS.get(sellerIndex).name() + ".";
                products.add(new ProductSpec(sellerIndex, leaf, sku, name, description, price(leaf, random), rank,
                        initialStock(rank, productCount, random)));
            }
        }
        return products;
    }

    /** Each leaf's share of the assortment, at least one product each, summing to exactly {@code productCount}. */
    static int[] productsPerLeaf(int productCount) {
        List<LeafSpec> leaves = StoreBlueprint.LEAVES;
        int[] counts = new int[leaves.size()];
        int assigned = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.max(1, (int) Math.floor(leaves.get(i).share() * productCount));
            assigned += counts[i];
        }
        // hand out what rounding left over (or take back the excess) across the largest leaves
        for (int i = 0; assigned != productCount; i = (i + 1) % counts.length) {
            if (assigned < productCount) {
                counts[i]++;
                assigned++;
            } else if (counts[i] > 1) {
                counts[i]--;
                assigned--;
            }
        }
        return counts;
    }

    private static String uniqueName(LeafSpec leaf, Set<String> taken, RandomGenerator random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String name = String.format(Locale.ROOT, leaf.namePattern(), pick(leaf.brands(), random),
                    pick(leaf.items(), random), pick(leaf.variants(), random));
            if (taken.add(name)) {
                return name;
            }
        }
        // the word lists are exhausted for this leaf: number the next edition
        String name = String.format(Locale.ROOT, leaf.namePattern(), pick(leaf.brands(), random),
                pick(leaf.items(), random), pick(leaf.variants(), random)) + " (edition " + (taken.size() + 1) + ")";
        taken.add(name);
        return name;
    }

    /** Mostly the specialist of the leaf's department; sometimes the generalist marketplace seller. */
    private static int sellerFor(LeafSpec leaf, RandomGenerator random) {
        int generalist = -1;
        int specialist = -1;
        for (int i = 0; i < StoreBlueprint.SELLERS.size(); i++) {
            String specialty = StoreBlueprint.SELLERS.get(i).specialty();
            if (specialty == null) {
                generalist = i;
            } else if (specialty.equals(leaf.root())) {
                specialist = i;
            }
        }
        if (specialist < 0 || generalist >= 0 && random.nextDouble() < 0.25) {
            return Math.max(generalist, 0);
        }
        return specialist;
    }

    /**
     * A price within the leaf's band, skewed towards its cheap end (min * (max/min)^(u^skew)), ending
     * in .99 as shop prices do.
     */
    static BigDecimal price(LeafSpec leaf, RandomGenerator random) {
        double min = leaf.minPrice().doubleValue();
        double max = leaf.maxPrice().doubleValue();
        double raw = min * Math.pow(max / min, Math.pow(random.nextDouble(), PRICE_SKEW));
        long whole = Math.max((long) Math.floor(raw), leaf.minPrice().longValue());
        return BigDecimal.valueOf(whole).subtract(ONE_CENT);
    }

    /**
     * Popular products get deeper stock; every warehouse carries every product. The few products
     * ranked just below the best sellers arrive short ({@link #SHORT_STOCKED} of them, a handful of
     * units per warehouse): they sell fast, so a run of a few minutes sees them run low and out, and
     * the stock alerts of the dashboard have something to show.
     */
    static List<Integer> initialStock(int rank, int productCount, RandomGenerator random) {
        int popular = Math.max(1, productCount / 20);
        boolean shortStocked = rank >= popular && rank < popular + SHORT_STOCKED && popular + SHORT_STOCKED < productCount;
        int base = shortStocked ? 5 : rank < popular ? 400 : rank < productCount / 4 ? 150 : 60;
        List<Integer> stock = new ArrayList<>();
        for (int i = 0; i < StoreBlueprint.WAREHOUSES.size(); i++) {
            stock.add((int) Math.round(base * (0.75 + random.nextDouble() * 0.5)));
        }
        return stock;
    }

    /** Products that start with a few units only (see {@link #initialStock}). */
    static final int SHORT_STOCKED = 3;

    private static List<UserSpec> users(String runTag, int userCount, RandomGenerator random) {
        List<UserSpec> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            String first = pick(StoreBlueprint.FIRST_NAMES, random);
            String last = pick(StoreBlueprint.LAST_NAMES, random);
            String email = (first + "." + last + "." + (i + 1) + "." + runTag + "@example.com").toLowerCase(Locale.ROOT);
            users.add(new UserSpec(email, first, last, preferredLeaf(random)));
        }
        return users;
    }

    /** Shoppers prefer leaves in proportion to the leaves' share of the assortment. */
    private static LeafSpec preferredLeaf(RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (LeafSpec leaf : StoreBlueprint.LEAVES) {
            cumulative += leaf.share();
            if (u < cumulative) {
                return leaf;
            }
        }
        return StoreBlueprint.LEAVES.get(StoreBlueprint.LEAVES.size() - 1);
    }

    private static String pick(List<String> words, RandomGenerator random) {
        return words.get(random.nextInt(words.size()));
    }
}
