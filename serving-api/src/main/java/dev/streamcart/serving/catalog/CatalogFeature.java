package dev.streamcart.serving.catalog;

import java.time.Duration;
import java.util.function.LongConsumer;

import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.stock.StockLevels;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.KafkaConnection;
import io.javalin.config.RoutesConfig;

/**
 * The catalog: sellers run their own products; the category tree and warehouses are the
 * operator's. Products are served through a bounded cache that writes invalidate at once and, with
 * Kafka, the {@code product-changes} topic invalidates for changes made elsewhere.
 */
public record CatalogFeature(CatalogEndpoints endpoints) implements Feature {

    // writes through this API invalidate at once; the TTL bounds rows changed elsewhere
    private static final long PRODUCT_CACHE_SIZE = 100_000;
    private static final Duration PRODUCT_CACHE_TTL = Duration.ofMinutes(5);

    /**
     * Starts following product changes when Kafka is configured; {@code accountChanged} is told when an
     * account's role changed (a user became a seller).
     */
    public static CatalogFeature start(ApiInfrastructure infrastructure, StockLevels stockLevels,
                                       LongConsumer accountChanged) {
        ProductCache productCache = new ProductCache(PRODUCT_CACHE_SIZE, PRODUCT_CACHE_TTL);
        KafkaConnection kafka = infrastructure.kafka();
        if (kafka != null) {
            // A product changed by another API instance or by hand in SQL reaches every instance's
            // cache through CDC within the pipeline's lag, instead of only at the cache's expiry.
            kafka.<ProductChanged>follow(Topics.PRODUCT_CHANGES).onChange(new ProductChangeInvalidation(productCache))
                    .start();
        }
        return new CatalogFeature(new CatalogEndpoints(infrastructure.bodies(), new Sellers(infrastructure.transactions()),
                new Categories(infrastructure.transactions()), new Warehouses(infrastructure.transactions()),
                new Products(infrastructure.transactions(), infrastructure.json(), infrastructure.outbox()),
                productCache, stockLevels, infrastructure.clickstream(), accountChanged));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/sellers", writes.guard(endpoints::createSeller), Role.SIGNED_IN);
        routes.post("/api/categories", writes.guard(endpoints::createCategory), Role.ADMIN);
        routes.get("/api/categories", endpoints::categoryTree);
        routes.get("/api/categories/{id}", endpoints::getCategory);
        routes.patch("/api/categories/{id}", writes.guard(endpoints::changeCategory), Role.ADMIN);
        routes.post("/api/warehouses", writes.guard(endpoints::createWarehouse), Role.ADMIN);
        routes.post("/api/products", writes.guard(endpoints::createProduct), Role.SELLER);
        routes.get("/api/products/{id}", endpoints::getProduct);
        routes.patch("/api/products/{id}", writes.guard(endpoints::changeProduct), Role.SELLER);
        routes.put("/api/products/{id}/price", writes.guard(endpoints::changePrice), Role.SELLER);
    }
}
