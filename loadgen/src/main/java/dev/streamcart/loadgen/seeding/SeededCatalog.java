package dev.streamcart.loadgen.seeding;

import java.util.SplittableRandom;

import dev.streamcart.loadgen.behaviour.ZipfDistribution;
import org.jspecify.annotations.Nullable;

/**
 * The seeded catalog in memory, in primitive arrays so that a million products fit in a few tens
 * of megabytes: who sells each product, its leaf category and price, its two stock slots (one
 * inventory row each) and how popular it is. Names and SKUs are functions of the index, never stored.
 */
final class SeededCatalog {

    static final int SLOTS_PER_PRODUCT = 2;
    static final double POPULARITY_EXPONENT = 1.0;

    final int products;
    final int sellers;
    static final int DEPARTMENTS = Vocabulary.DEPARTMENTS.size();
    static final int SUBCATEGORIES = DEPARTMENTS * Vocabulary.SUBCATEGORIES_PER_DEPARTMENT;
    static final int LEAVES = SUBCATEGORIES * Vocabulary.LEAVES_PER_SUBCATEGORY;
    static final int CATEGORY_COUNT = DEPARTMENTS + SUBCATEGORIES + LEAVES;

    final int departments = DEPARTMENTS;
    final int subcategories = SUBCATEGORIES;
    final int leaves = LEAVES;
    final long firstCategoryId;
    final long firstSellerId;
    final long firstWarehouseId;
    final long firstProductId;
    final long firstInventoryId;

    final int[] sellerOf;
    final int[] leafOf;
    final long[] priceCents;
    /** Warehouse index of each slot; slot {@code 2p} and {@code 2p+1} belong to product p. */
    final int[] warehouseOfSlot;
    final int[] onHand;
    final int[] reserved;
    /** Product index of each popularity rank (rank 0 sells most). */
    final int[] productOfRank;
    final ZipfDistribution popularity;
    /** Per department, its products by popularity, and a Zipf over them. */
    final int[][] departmentProducts;
    final @Nullable ZipfDistribution[] departmentPopularity;

    SeededCatalog(int products, int sellers, long firstCategoryId, long firstSellerId, long firstWarehouseId,
                  long firstProductId, long firstInventoryId) {
        this.products = products;
        this.sellers = sellers;
        this.firstCategoryId = firstCategoryId;
        this.firstSellerId = firstSellerId;
        this.firstWarehouseId = firstWarehouseId;
        this.firstProductId = firstProductId;
        this.firstInventoryId = firstInventoryId;
        this.sellerOf = new int[products];
        this.leafOf = new int[products];
        this.priceCents = new long[products];
        this.warehouseOfSlot = new int[products * SLOTS_PER_PRODUCT];
        this.onHand = new int[products * SLOTS_PER_PRODUCT];
        this.reserved = new int[products * SLOTS_PER_PRODUCT];
        this.productOfRank = new int[products];
        this.popularity = new ZipfDistribution(products, POPULARITY_EXPONENT);
        this.departmentProducts = new int[departments][];
        this.departmentPopularity = new ZipfDistribution[departments];
    }

    /** Draws products, prices, sellers, slots and the popularity order; stock is sized by {@link #stock}. */
    void generate(SplittableRandom random) {
        int warehouses = Vocabulary.WAREHOUSES.size();
        for (int p = 0; p < products; p++) {
            sellerOf[p] = random.nextInt(sellers);
            leafOf[p] = random.nextInt(leaves);
            priceCents[p] = price(random);
            int first = random.nextInt(warehouses);
            warehouseOfSlot[p * SLOTS_PER_PRODUCT] = first;
            warehouseOfSlot[p * SLOTS_PER_PRODUCT + 1] = (first + 1 + random.nextInt(warehouses - 1)) % warehouses;
        }
        for (int p = 0; p < products; p++) {
            productOfRank[p] = p;
        }
        for (int i = products - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = productOfRank[i];
            productOfRank[i] = productOfRank[j];
            productOfRank[j] = swap;
        }
        int[] perDepartment = new int[departments];
        for (int rank = 0; rank < products; rank++) {
            perDepartment[departmentOf(productOfRank[rank])]++;
        }
        for (int d = 0; d < departments; d++) {
            departmentProducts[d] = new int[perDepartment[d]];
            departmentPopularity[d] = perDepartment[d] == 0 ? null : new ZipfDistribution(perDepartment[d], POPULARITY_EXPONENT);
            perDepartment[d] = 0;
        }
        for (int rank = 0; rank < products; rank++) {
            int product = productOfRank[rank];
            int d = departmentOf(product);
            departmentProducts[d][perDepartment[d]++] = product;
        }
    }

    /**
     * Stock on hand before the history: enough for the expected demand of each product (its Zipf
     * share of all units ordered, with a margin), so popular products rarely run out, plus a few
     * dozen units so that the long tail is buyable too.
     */
    void stock(SplittableRandom random, long expectedUnits) {
        for (int rank = 0; rank < products; rank++) {
            int product = productOfRank[rank];
            double demand = popularity.probability(rank) * expectedUnits * 2.0;
            for (int s = 0; s < SLOTS_PER_PRODUCT; s++) {
                onHand[product * SLOTS_PER_PRODUCT + s] = (int) Math.min(1_000_000, Math.ceil(demand / SLOTS_PER_PRODUCT))
                        + 10 + random.nextInt(60);
            }
        }
    }

    /** Skewed like a real shop's: many cheap products, a few expensive ones, every price ending in .99. */
    private static long price(SplittableRandom random) {
        double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        long dollars = Math.max(1, Math.min(4_999, Math.round(Math.exp(3.0 + 1.1 * gaussian))));
        return dollars * 100 - 1;
    }

    /**
     * A product as a shopper of {@code preferredDepartment} picks one, to buy or to look at:
     * {@link SeededUsers#PREFERRED_DEPARTMENT_SHARE} of the picks follow the department's popularity,
     * the rest the whole shop's.
     */
    int pickFor(int preferredDepartment, SplittableRandom random) {
        ZipfDistribution inDepartment = departmentPopularity[preferredDepartment];
        if (inDepartment != null && random.nextDouble() < SeededUsers.PREFERRED_DEPARTMENT_SHARE) {
            return departmentProducts[preferredDepartment][inDepartment.sample(random)];
        }
        return productOfRank[popularity.sample(random)];
    }

    int departmentOf(int product) {
        return leafOf[product] / (Vocabulary.SUBCATEGORIES_PER_DEPARTMENT * Vocabulary.LEAVES_PER_SUBCATEGORY);
    }

    long productId(int product) {
        return firstProductId + product;
    }

    long sellerId(int product) {
        return firstSellerId + sellerOf[product];
    }

    /** Categories: departments first, then subcategories, then leaves, so a parent's id is below its children's. */
    long departmentCategoryId(int department) {
        return firstCategoryId + department;
    }

    long subcategoryId(int subcategory) {
        return firstCategoryId + departments + subcategory;
    }

    long leafCategoryId(int leaf) {
        return firstCategoryId + departments + subcategories + leaf;
    }

    long categoryId(int product) {
        return leafCategoryId(leafOf[product]);
    }

    long warehouseId(int warehouse) {
        return firstWarehouseId + warehouse;
    }

    long inventoryId(int slot) {
        return firstInventoryId + slot;
    }

    String productName(int product) {
        Vocabulary.Department department = Vocabulary.DEPARTMENTS.get(departmentOf(product));
        String good = department.goods().get(leafOf[product] % department.goods().size());
        return brand(product) + " " + Vocabulary.STYLES.get(product % Vocabulary.STYLES.size()) + " " + good + " "
                + (100 + product % 900);
    }

    String brand(int product) {
        return Vocabulary.BRANDS.get((product / 7) % Vocabulary.BRANDS.size());
    }

    String sku(int product) {
        return "SEED-" + productId(product);
    }

    int available(int slot) {
        return onHand[slot] - reserved[slot];
    }
}
