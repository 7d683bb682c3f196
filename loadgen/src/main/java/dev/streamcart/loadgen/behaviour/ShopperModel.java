package dev.streamcart.loadgen.behaviour;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.loadgen.catalog.Catalog;

/**
 * How simulated shoppers behave, as pure decisions over a random source (so a seeded run is
 * reproducible and testable without HTTP). Product popularity is Zipf-skewed over the catalog's
 * popularity ranks. Every shopper has a preferred category from which most views and cart
 * items come, which gives the recommender real structure to learn. A share of sessions converts;
 * placed orders are mostly paid with the valid test card, sometimes declined, sometimes
 * cancelled.
 */
public final class ShopperModel {

    private static final List<String> SORTS = List.of("price_asc", "price_desc", "rating", "newest");

    private final BehaviourSettings settings;
    private final List<Catalog.User> users;
    private final List<Catalog.Product> productsByPopularity;
    private final ZipfDistribution storePopularity;
    private final Map<Long, List<Catalog.Product>> productsByCategory = new HashMap<>();
    private final Map<Long, ZipfDistribution> categoryPopularity = new HashMap<>();
    private final Map<Long, Catalog.Product> productsById = new HashMap<>();

    public ShopperModel(Catalog catalog, BehaviourSettings settings) {
        Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (catalog.users().isEmpty() || catalog.products().isEmpty()) {
            throw new IllegalArgumentException("the catalog needs users and products");
        }
        this.users = catalog.users();
        this.productsByPopularity = catalog.products().stream()
                .sorted(Comparator.comparingInt(Catalog.Product::popularityRank).thenComparingLong(Catalog.Product::id))
                .toList();
        this.storePopularity = new ZipfDistribution(productsByPopularity.size(), settings.zipfExponent());
        for (Catalog.Product product : productsByPopularity) {
            productsByCategory.computeIfAbsent(product.categoryId(), id -> new ArrayList<>()).add(product);
            productsById.put(product.id(), product);
        }
        productsByCategory.forEach((category, products) ->
                categoryPopularity.put(category, new ZipfDistribution(products.size(), settings.zipfExponent())));
    }

    public BehaviourSettings settings() {
        return settings;
    }

    /** One visit of a random shopper. */
    public SessionPlan nextSession(RandomGenerator random) {
        Catalog.User user = users.get(random.nextInt(users.size()));
        List<Long> views = new ArrayList<>();
        int viewCount = viewCount(random);
        for (int i = 0; i < viewCount; i++) {
            views.add(pickProduct(user, random).id());
        }
        CheckoutPlan checkout = random.nextDouble() < settings.conversion() ? checkout(user, views, random) : null;
        SearchPlan search = random.nextDouble() < settings.searchShare() ? search(user, views.get(0), random) : null;
        return new SessionPlan(new UUID(random.nextLong(), random.nextLong()).toString(), user.id(),
                user.preferredCategoryId(), search, views, checkout);
    }

    /**
     * The shopper searches for what they are about to look at: a word of the first viewed
     * product's name, sometimes within their preferred category, sometimes sorted.
     */
    private SearchPlan search(Catalog.User user, long firstViewedProductId, RandomGenerator random) {
        Catalog.Product product = productsById.get(firstViewedProductId);
        String query = searchWord(product.name(), random);
        Long category = random.nextDouble() < 0.3 ? user.preferredCategoryId() : null;
        String sort = random.nextDouble() < 0.3 ? SORTS.get(random.nextInt(SORTS.size())) : null;
        return new SearchPlan(query, category, sort);
    }

    /** A word of a product name worth typing: letters only, at least 3 of them; else the whole name. */
    static String searchWord(String productName, RandomGenerator random) {
        List<String> words = new ArrayList<>();
        for (String word : productName.split("[^\\p{L}]+")) {
            if (word.length() >= 3) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return words.isEmpty() ? productName : words.get(random.nextInt(words.size()));
    }

    /** A product: from the shopper's preferred category most of the time, else from the whole store. */
    Catalog.Product pickProduct(Catalog.User user, RandomGenerator random) {
        List<Catalog.Product> preferred = productsByCategory.get(user.preferredCategoryId());
        if (preferred != null && random.nextDouble() < settings.preferredCategoryShare()) {
            return preferred.get(categoryPopularity.get(user.preferredCategoryId()).sample(random));
        }
        return productsByPopularity.get(storePopularity.sample(random));
    }

    /** 1 + a geometric number of further views, with the configured mean, capped. */
    private int viewCount(RandomGenerator random) {
        double continueProbability = 1 - 1 / settings.meanViews();
        int views = 1;
        while (views < settings.maxViews() && random.nextDouble() < continueProbability) {
            views++;
        }
        return views;
    }

    private CheckoutPlan checkout(Catalog.User user, List<Long> views, RandomGenerator random) {
        int itemCount = weightedPick(random, 0.60, 0.28, 0.12) + 1;
        Set<Long> chosen = new LinkedHashSet<>();
        // the first item is usually something the shopper just looked at
        if (!views.isEmpty() && random.nextDouble() < 0.7) {
            chosen.add(views.get(random.nextInt(views.size())));
        }
        for (int attempt = 0; chosen.size() < itemCount && attempt < 20; attempt++) {
            chosen.add(pickProduct(user, random).id());
        }
        List<OrderLine> items = new ArrayList<>();
        for (Long productId : chosen) {
            items.add(new OrderLine(productId, weightedPick(random, 0.85, 0.12, 0.03) + 1));
        }
        boolean replayCheckout = random.nextDouble() < settings.replayShare();
        boolean replayPayment = random.nextDouble() < settings.replayShare();
        boolean viaCart = random.nextDouble() < settings.cartShare();
        boolean saveForLater = viaCart && items.size() > 1 && random.nextDouble() < 0.25;
        return new CheckoutPlan(items, ending(random), replayCheckout, replayPayment, viaCart, saveForLater);
    }

    private OrderEnding ending(RandomGenerator random) {
        if (random.nextDouble() < settings.cancelShare()) {
            return OrderEnding.CANCEL;
        }
        double card = random.nextDouble();
        if (card < settings.declineShare()) {
            return OrderEnding.PAY_WITH_DECLINED_CARD;
        }
        if (card < settings.declineShare() + settings.insufficientFundsShare()) {
            return OrderEnding.PAY_WITH_INSUFFICIENT_FUNDS_CARD;
        }
        return OrderEnding.PAY_WITH_VALID_CARD;
    }

    /** An index drawn with the given weights (which sum to 1). */
    private static int weightedPick(RandomGenerator random, double... weights) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < weights.length - 1; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
