package dev.streamcart.serving.recommendations;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.stock.StockLevels;
import org.jspecify.annotations.Nullable;

/**
 * Recommends products to a user at request time, from the model of the user's A/B variant.
 *
 * <ol>
 *   <li>The model knows the user: score every item by the dot product of user and item factors
 *       (exact, over all items), keep the best. Each user's best before the rules below are
 *       remembered per model ({@link UserCandidates}) and the rules applied to them at request
 *       time; all items are scanned again only when the rules leave too few.</li>
 *   <li>Cold start (a user unknown to the model, or no model at all): trending items, those in the
 *       user's favourite categories (of their purchases and their preferences) first. Trending is
 *       the model's popularity while the model is at most a day old; otherwise, or without a model,
 *       the recent best sellers in PostgreSQL ({@code modelVersion} is then "none" if no model exists).</li>
 * </ol>
 * In every case it leaves out products the user already bought, products no longer for sale and
 * products the real-time stock read model reports as sold out, and keeps at most
 * {@code maxPerSeller} items of one seller.
 */
public final class Recommender {

    public static final String NO_MODEL = "none";
    static final Duration TRENDING_MAX_AGE = Duration.ofDays(1);
    /** Product facts a ranking walk loads in one query: a page's worth after the rules filtered many out. */
    private static final int PREFETCH = 100;

    /** Where the items came from: the user's factors, the model's popularity, or the best sellers. */
    public enum Source { MODEL, POPULAR, BEST_SELLERS }

    public record Item(long productId, double score) {}

    public record Recommendations(long userId, String modelVersion, String variant, Source source, List<Item> items) {}

    private final ModelRepository models;
    private final PurchaseHistory purchases;
    private final CatalogFacts catalog;
    private final StockLevels stock;
    private final int maxPerSeller;
    private final Clock clock;

    public Recommender(ModelRepository models, Transactions transactions, PurchaseHistory purchases, StockLevels stock,
                       int maxPerSeller, Clock clock) {
        this(models, stock, purchases, new CatalogFacts(transactions, Duration.ofSeconds(5)), maxPerSeller, clock);
    }

    Recommender(ModelRepository models, StockLevels stock, PurchaseHistory purchases, CatalogFacts catalog,
                int maxPerSeller, Clock clock) {
        this.models = Objects.requireNonNull(models, "models");
        this.stock = Objects.requireNonNull(stock, "stock");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPerSeller < 1) {
            throw new IllegalArgumentException("maxPerSeller must be >= 1, was " + maxPerSeller);
        }
        this.maxPerSeller = maxPerSeller;
    }

    CatalogFacts catalog() {
        return catalog;
    }

    /** For sale now: known, active, and not sold out in the real-time stock read model. */
    boolean forSale(long productId) {
        CatalogFacts.ProductFacts facts = catalog.product(productId);
        return facts != null && facts.active() && !stock.isSoldOut(productId);
    }

    public Recommendations recommend(long userId, int limit) {
        PurchaseHistory.Taste taste = purchases.tasteOf(userId);
        ServedModels.Assignment assignment = models.served().assign(userId);
        RecommenderModel model = assignment.model();
        ProductFilter eligible = productId -> !taste.bought().contains(productId) && forSale(productId);
        String version = model == null ? NO_MODEL : model.version();
        float[] user = model == null ? null : model.userFactors(userId);
        if (user != null) {
            List<Item> items = fromCandidates(model.candidates(userId, user), limit, eligible);
            if (items == null) {
                items = cappedBest(limit, model.itemCount(), k -> {
                    TopK top = new TopK(k);
                    model.scoreAll(user, top, eligible);
                    return top;
                });
            }
            return new Recommendations(userId, version, assignment.variant(), Source.MODEL, items);
        }
        boolean popularity = model != null && model.popularCount() > 0
                && !model.createdAt().isBefore(clock.instant().minus(TRENDING_MAX_AGE));
        // read in place: the popularity ranking holds every item of the model (884k at the large profile)
        Ranking ranking;
        if (popularity) {
            ranking = new Ranking(model.popularCount(), model::popularId, model::popularScore);
        } else {
            List<CatalogFacts.BestSeller> sellers = catalog.bestSellers();
            ranking = new Ranking(sellers.size(), i -> sellers.get(i).productId(), i -> sellers.get(i).unitsSold());
        }
        List<Item> items = trending(ranking, taste.favouriteCategories(), limit, eligible);
        return new Recommendations(userId, version, assignment.variant(),
                popularity ? Source.POPULAR : Source.BEST_SELLERS, items);
    }

    /**
     * The page from the user's candidates, walked best first with the same rules as a full scan; null
     * when the rules left too few of them, so that only a full scan can tell what comes next.
     */
    private @Nullable List<Item> fromCandidates(UserCandidates.Ranked ranked, int limit, ProductFilter eligible) {
        List<Item> picked = new ArrayList<>(limit);
        Map<Long, Integer> perSeller = new HashMap<>();
        for (int i = 0; i < ranked.size() && picked.size() < limit; i++) {
            if (i % PREFETCH == 0) {
                catalog.prefetch(Arrays.stream(ranked.productIds(), i, Math.min(i + PREFETCH, ranked.size())).boxed().toList());
            }
            long productId = ranked.productIds()[i];
            if (eligible.test(productId) && takeSeller(perSeller, productId)) {
                picked.add(new Item(productId, round(ranked.scores()[i])));
            }
        }
        return picked.size() == limit || ranked.complete() ? picked : null;
    }

    /**
     * The best {@code limit} eligible items with at most {@code maxPerSeller} per seller, exactly:
     * the best {@code k} are searched, and when capping the sellers leaves too few while more
     * items exist, again with a larger {@code k}.
     */
    private List<Item> cappedBest(int limit, int itemCount, IntFunction<TopK> search) {
        int k = Math.min(Math.max(limit * 2, limit + maxPerSeller), Math.max(itemCount, 1));
        while (true) {
            List<TopK.Entry> best = search.apply(k).toList();
            List<Item> capped = new ArrayList<>(limit);
            Map<Long, Integer> perSeller = new HashMap<>();
            for (TopK.Entry entry : best) {
                if (capped.size() == limit) {
                    break;
                }
                if (takeSeller(perSeller, entry.productId())) {
                    capped.add(new Item(entry.productId(), round(entry.score())));
                }
            }
            if (capped.size() == limit || best.size() < k || k >= itemCount) {
                return capped;
            }
            k = (int) Math.min((long) k * 4, itemCount);
        }
    }

    /** A ranking's eligible items, those in the favourite categories first, seller cap applied. */
    /** Products best first, with their scores. */
    private record Ranking(int size, IntToLongFunction productId, IntToDoubleFunction score) {

        List<Long> productIds(int from, int to) {
            List<Long> ids = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ids.add(productId.applyAsLong(i));
            }
            return ids;
        }
    }

    private List<Item> trending(Ranking ranking, Set<Long> favouriteCategories, int limit, ProductFilter eligible) {
        List<Item> picked = new ArrayList<>(limit);
        Set<Long> taken = new HashSet<>();
        Map<Long, Integer> perSeller = new HashMap<>();
        for (boolean favouritesOnly : favouriteCategories.isEmpty() ? new boolean[] {false} : new boolean[] {true, false}) {
            for (int i = 0; i < ranking.size(); i++) {
                if (picked.size() == limit) {
                    return picked;
                }
                if (i % PREFETCH == 0) {
                    catalog.prefetch(ranking.productIds(i, Math.min(i + PREFETCH, ranking.size())));
                }
                long productId = ranking.productId().applyAsLong(i);
                // the category first: eligibility may ask the stock read model
                CatalogFacts.ProductFacts facts = catalog.product(productId);
                if (favouritesOnly && (facts == null || !favouriteCategories.contains(facts.categoryId()))) {
                    continue;
                }
                if (taken.contains(productId) || !eligible.test(productId)) {
                    continue;
                }
                if (takeSeller(perSeller, productId)) {
                    taken.add(productId);
                    picked.add(new Item(productId, round(ranking.score().applyAsDouble(i))));
                }
            }
        }
        return picked;
    }

    private boolean takeSeller(Map<Long, Integer> perSeller, long productId) {
        CatalogFacts.ProductFacts facts = catalog.product(productId);
        long seller = facts == null ? -productId : facts.sellerId();
        int count = perSeller.getOrDefault(seller, 0);
        if (count >= maxPerSeller) {
            return false;
        }
        perSeller.put(seller, count + 1);
        return true;
    }

    // float arithmetic leaves noise in the last digits; six decimals are plenty to rank and read
    static double round(double score) {
        return Math.round(score * 1_000_000d) / 1_000_000d;
    }
}
