package dev.streamcart.serving.recommendations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;

/**
 * "Customers also bought": products like a given one, for sale now. Ranked by the cosine
 * similarity of the promoted model's item factors; for a product the model has no factors for,
 * by the trainer's co-occurrence lists; failing both, the best sellers of the product's category.
 */
public final class SimilarProducts {

    /** Where the items came from. */
    public enum Source { SIMILARITY, COOCCURRENCE, BEST_SELLERS }

    public record Similar(long productId, String modelVersion, Source source, List<Recommender.Item> items) {}

    private final ModelRepository models;
    private final Recommender recommender;
    private final Transactions transactions;

    public SimilarProducts(ModelRepository models, Recommender recommender, Transactions transactions) {
        this.models = Objects.requireNonNull(models, "models");
        this.recommender = Objects.requireNonNull(recommender, "recommender");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Similar similarTo(long productId, int limit) {
        long categoryId = categoryOf(productId);
        RecommenderModel model = models.served().control();
        ProductFilter eligible = other -> other != productId && recommender.forSale(other);
        String version = model == null ? Recommender.NO_MODEL : model.version();
        if (model != null) {
            TopK top = new TopK(limit);
            if (model.similarTo(productId, top, eligible) && !top.toList().isEmpty()) {
                return new Similar(productId, version, Source.SIMILARITY, items(top));
            }
            top = new TopK(limit);
            if (model.cooccurringWith(productId, top, eligible) && !top.toList().isEmpty()) {
                return new Similar(productId, version, Source.COOCCURRENCE, items(top));
            }
        }
        TopK top = new TopK(limit);
        for (CatalogFacts.BestSeller seller : recommender.catalog().bestSellers()) {
            if (top.isFull()) {
                break;
            }
            if (seller.categoryId() == categoryId && eligible.test(seller.productId())) {
                top.offer(seller.unitsSold(), seller.productId());
            }
        }
        return new Similar(productId, version, Source.BEST_SELLERS, items(top));
    }

    /** The product's category; 404 for a product that does not exist (asked of PostgreSQL if the snapshot is older). */
    private long categoryOf(long productId) {
        CatalogFacts.ProductFacts facts = recommender.catalog().product(productId);
        if (facts != null) {
            return facts.categoryId();
        }
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT category_id FROM products WHERE id = ?")) {
                select.setLong(1, productId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.notFound("product", productId);
                    }
                    return row.getLong(1);
                }
            }
        });
    }

    private static List<Recommender.Item> items(TopK top) {
        return top.toList().stream().map(entry -> new Recommender.Item(entry.productId(), Recommender.round(entry.score())))
                .toList();
    }
}
