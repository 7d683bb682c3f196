package dev.streamcart.serving.recommendations;

import java.nio.file.Path;
import java.time.Duration;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.stock.StockLevels;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.KafkaConnection;
import io.javalin.config.RoutesConfig;

/**
 * Recommendations: the newest published model (checked for regularly), per-user scoring without
 * what the user bought, similar products, A/B impressions on the clickstream.
 */
public record RecommendationsFeature(ModelRepository models, PurchaseHistory purchases,
                                     RecommendationEndpoints endpoints) implements Feature {

    // a user's orders and preferences invalidate their cached taste; the TTL only covers a missed event
    private static final Duration PURCHASES_TTL_WITH_ORDER_VIEWS = Duration.ofMinutes(10);
    // without order views nothing invalidates it: a purchase shows within seconds
    private static final Duration PURCHASES_TTL_WITHOUT_KAFKA = Duration.ofSeconds(5);

    /**
     * Starts following order views (with Kafka) and the models folder; at most {@code maxPerSeller}
     * items of one seller in a user's list.
     */
    public static RecommendationsFeature start(ApiInfrastructure infrastructure, Path modelsDir,
                                               Duration modelCheckInterval, int maxPerSeller, StockLevels stock) {
        KafkaConnection kafka = infrastructure.kafka();
        PurchaseHistory purchases = new PurchaseHistory(infrastructure.transactions(),
                kafka != null ? PURCHASES_TTL_WITH_ORDER_VIEWS : PURCHASES_TTL_WITHOUT_KAFKA);
        if (kafka != null) {
            // A new order view means its buyer's purchases may have changed: drop their cached taste.
            kafka.<OrderView>follow(Topics.ORDER_VIEWS).onChange(purchases::orderChanged).start();
        }
        ModelRepository models = infrastructure.lifecycle().add(new ModelRepository(modelsDir));
        models.start(modelCheckInterval);
        Recommender recommender = new Recommender(models, infrastructure.transactions(), purchases, stock, maxPerSeller,
                infrastructure.clock());
        return new RecommendationsFeature(models, purchases, new RecommendationEndpoints(recommender,
                new SimilarProducts(models, recommender, infrastructure.transactions()), models,
                infrastructure.clickstream()));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/recommendations/{userId}", endpoints::recommend, Role.SIGNED_IN);
        routes.get("/api/admin/models", endpoints::status, Role.ADMIN);
        routes.post("/api/admin/models/reload", writes.guard(endpoints::reload), Role.ADMIN);
        routes.get("/api/products/{id}/similar", endpoints::similar);
    }
}
