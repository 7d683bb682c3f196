package dev.streamcart.serving.recommendations;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.stock.StockLevels;

/**
 * Recommends products to a user at request time.
 *
 * <ol>
 *   <li>A model is served and knows the user: score every item by the dot product of user and item
 *       factors, keep the top k.</li>
 *   <li>A model is served but the user is new to it: the model's popularity ranking.</li>
 *   <li>No model at all yet: the best sellers in PostgreSQL; {@code modelVersion} is "none".</li>
 * </ol>
 * In every case it leaves out products the user already bought, products no longer for sale and
 * products the real-time stock read model reports as sold out.
 */
public final class Recommender {

    public static final String NO_MODEL = "none";

    public record Item(long productId, double score) {}

    public record Recommendations(long userId, String modelVersion, List<Item> items) {}

    private final ModelRepository models;
    private final PurchaseHistory purchases;
    private final CatalogSnapshot catalog;
    private final StockLevels stock;

    public Recommender(ModelRepository models, Transactions transactions, StockLevels stock) {
        this.models = Objects.requireNonNull(models, "models");
        this.stock = Objects.requireNonNull(stock, "stock");
        this.purchases = new PurchaseHistory(transactions, Duration.ofSeconds(5));
        this.catalog = new CatalogSnapshot(transactions, Duration.ofSeconds(5));
    }

    public Recommendations recommend(long userId, int limit) {
        Set<Long> bought = purchases.boughtBy(userId);
        Set<Long> inactive = catalog.inactiveProducts();
        ProductFilter eligible = productId ->
                !bought.contains(productId) && !inactive.contains(productId) && !stock.isSoldOut(productId);
        TopK top = new TopK(limit);
        RecommenderModel model = models.current();
        if (model == null) {
            for (CatalogSnapshot.BestSeller seller : catalog.bestSellers()) {
                if (top.isFull()) {
                    break;
                }
                if (eligible.test(seller.productId())) {
                    top.offer(seller.unitsSold(), seller.productId());
                }
            }
            return new Recommendations(userId, NO_MODEL, items(top));
        }
        float[] user = model.userFactors(userId);
        if (user != null) {
            model.scoreAll(user, top, eligible);
        } else {
            model.popular(top, eligible);
        }
        return new Recommendations(userId, model.version(), items(top));
    }

    private static List<Item> items(TopK top) {
        return top.toList().stream().map(entry -> new Item(entry.productId(), round(entry.score()))).toList();
    }

    // float arithmetic leaves noise in the last digits; six decimals are plenty to rank and read
    private static double round(double score) {
        return Math.round(score * 1_000_000d) / 1_000_000d;
    }
}
