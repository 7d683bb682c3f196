package dev.streamcart.serving.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.recommendations.RecommendationVariantParam;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.sellers.BusinessType;
import dev.streamcart.serving.sellers.TaxId;
import dev.streamcart.serving.stock.StockLevels;
import dev.streamcart.serving.stock.StockSnapshot;
import dev.streamcart.serving.users.EmailAddress;
import dev.streamcart.serving.web.CreatedId;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.RequestBodies;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of sellers, categories, warehouses and products: parse, delegate, answer. Every
 * product write invalidates the product cache after its transaction, before it answers.
 */
public final class CatalogEndpoints {

    /** A product as the storefront sees it, with live stock (null until the read model knows it). */
    public record ProductResponse(long id, long sellerId, long categoryId, String sku, String name,
                                  @Nullable String description, @Nullable String brand, String price, String currency,
                                  boolean active, @Nullable Integer weightGrams, Map<String, Object> attributes,
                                  List<String> tags, List<ProductImage> images, @Nullable String ratingAverage,
                                  int ratingCount, Instant createdAt, Instant updatedAt, @Nullable Stock stock) {

        static ProductResponse of(Product product, @Nullable Stock stock) {
            return new ProductResponse(product.id(), product.sellerId(), product.categoryId(), product.sku(),
                    product.name(), product.description(), product.brand(), Money.format(product.price()),
                    product.currency(), product.active(), product.weightGrams(), product.attributes(), product.tags(),
                    product.images(), product.ratingAverage() == null ? null : product.ratingAverage().toPlainString(),
                    product.ratingCount(), product.createdAt(), product.updatedAt(), stock);
        }
    }

    public record Stock(int onHand, int reserved, int available) {}

    public record CategoryTree(List<Categories.CategoryNode> categories) {}

    public record PriceResponse(long productId, String oldPrice, String price, String currency, boolean changed) {}

    private final RequestBodies bodies;
    private final Sellers sellers;
    private final Categories categories;
    private final Warehouses warehouses;
    private final Products products;
    private final StockLevels stockLevels;
    private final Clickstream clickstream;
    private final ProductCache productCache;

    private final LongConsumer accountChanged;

    /** {@code accountChanged} is told when an account's role changed, so cached sign-ins re-read it. */
    public CatalogEndpoints(RequestBodies bodies, Sellers sellers, Categories categories, Warehouses warehouses,
                            Products products, ProductCache productCache, StockLevels stockLevels,
                            Clickstream clickstream, LongConsumer accountChanged) {
        this.accountChanged = Objects.requireNonNull(accountChanged, "accountChanged");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.sellers = Objects.requireNonNull(sellers, "sellers");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.products = Objects.requireNonNull(products, "products");
        this.productCache = Objects.requireNonNull(productCache, "productCache");
        this.stockLevels = Objects.requireNonNull(stockLevels, "stockLevels");
        this.clickstream = Objects.requireNonNull(clickstream, "clickstream");
    }

    public void createSeller(Context ctx) {
        JsonBody body = bodies.read(ctx, "createSeller");
        Principal caller = Access.principal(ctx);
        Long owner = caller.isAdmin() ? null : caller.userId();
        String businessType = body.optionalText("businessType");
        String taxId = body.optionalText("taxId");
        long id = sellers.create(new Sellers.NewSeller(body.requiredText("name"),
                new EmailAddress(body.requiredText("email")),
                businessType == null ? null : BusinessType.parse(businessType),
                taxId == null ? null : new TaxId(taxId), owner));
        if (owner != null) {
            accountChanged.accept(owner);
        }
        ctx.status(201).header("Location", "/api/sellers/" + id).json(new CreatedId(id));
    }

    public void createCategory(Context ctx) {
        JsonBody body = bodies.read(ctx, "createCategory");
        long id = categories.create(new Categories.NewCategory(body.requiredText("name"), body.optionalId("parentId")));
        ctx.status(201).header("Location", "/api/categories/" + id).json(new CreatedId(id));
    }

    public void categoryTree(Context ctx) {
        ctx.json(new CategoryTree(categories.tree()));
    }

    public void getCategory(Context ctx) {
        long id = PathIds.of(ctx, "id");
        ctx.json(categories.find(id).orElseThrow(() -> DomainException.notFound("category", id)));
    }

    /** PATCH {"name", "parentId"}: rename and/or move; {"parentId": null} makes it a root. */
    public void changeCategory(Context ctx) {
        long id = PathIds.of(ctx, "id");
        JsonBody body = bodies.read(ctx, "changeCategory");
        boolean toRoot = body.mentions("parentId") && !body.has("parentId");
        categories.change(id, new Categories.CategoryChange(body.optionalText("name"), body.optionalId("parentId"), toRoot));
        ctx.json(categories.find(id).orElseThrow(() -> DomainException.notFound("category", id)));
    }

    public void createWarehouse(Context ctx) {
        JsonBody body = bodies.read(ctx, "createWarehouse");
        long id = warehouses.create(new Warehouses.NewWarehouse(body.requiredText("name"),
                body.optionalText("region")));
        ctx.status(201).json(new CreatedId(id));
    }

    public void createProduct(Context ctx) {
        JsonBody body = bodies.read(ctx, "createProduct");
        JsonNode raw = body.raw();
        Principal caller = Access.principal(ctx);
        long sellerId;
        if (caller.isAdmin()) {
            sellerId = body.requiredId("sellerId");
        } else {
            sellerId = Access.requireSellerId(ctx);
            sellers.requireVerified(sellerId);
            Long named = body.optionalId("sellerId");
            if (named != null && named != sellerId) {
                throw new DomainException(ProblemKind.FORBIDDEN, "a seller creates products only for its own "
                        + "business (seller " + sellerId + "); leave 'sellerId' out");
            }
        }
        Products.NewProduct product = new Products.NewProduct(
                sellerId,
                body.requiredId("categoryId"),
                body.requiredText("sku"),
                body.requiredText("name"),
                body.optionalText("description"),
                body.requiredMoney("price"),
                CurrencyCode.parse(body.optionalText("currency")),
                body.optionalText("brand"),
                ProductFields.weightGrams(raw),
                ProductFields.attributes(raw),
                ProductFields.tags(raw),
                ProductFields.images(raw),
                ProductFields.flag(raw, "active", true));
        long id = products.create(product);
        productCache.invalidate(id);
        ctx.status(201).header("Location", "/api/products/" + id).json(new CreatedId(id));
    }

    public void getProduct(Context ctx) {
        long id = PathIds.of(ctx, "id");
        // ?rec=A|B: the view follows a recommendation of that A/B variant
        String variant = RecommendationVariantParam.parse(ctx.queryParam("rec"), "rec");
        Product product = productCache.get(id, products::find).orElseThrow(() -> DomainException.notFound("product", id));
        Stock stock = stockLevels.find(id).map(CatalogEndpoints::stock).orElse(null);
        recordView(ctx, product, variant);
        ctx.json(ProductResponse.of(product, stock));
    }

    /** PATCH by the product's seller (or an admin): details only; price and currency have their own rules. */
    public void changeProduct(Context ctx) {
        long id = PathIds.of(ctx, "id");
        JsonBody body = bodies.read(ctx, "changeProduct");
        JsonNode raw = body.raw();
        if (raw.has("name") && body.optionalText("name") == null) {
            throw DomainException.invalidInput("'name' must not be empty");
        }
        Products.ProductChange change = new Products.ProductChange(
                body.optionalId("categoryId"),
                body.optionalText("name"),
                body.optionalText("description"), cleared(raw, "description"),
                body.optionalText("brand"), cleared(raw, "brand"),
                ProductFields.weightGrams(raw), cleared(raw, ProductFields.WEIGHT_ATTRIBUTE),
                raw.has("attributes") ? ProductFields.attributes(raw) : null,
                raw.has("tags") ? ProductFields.tags(raw) : null,
                raw.has("images") ? ProductFields.images(raw) : null,
                raw.has("active") && !raw.get("active").isNull() ? ProductFields.flag(raw, "active", true) : null);
        try {
            products.change(actor(ctx), id, change);
        } finally {
            productCache.invalidate(id);
        }
        Product product = productCache.get(id, products::find).orElseThrow(() -> DomainException.notFound("product", id));
        ctx.json(ProductResponse.of(product, stockLevels.find(id).map(CatalogEndpoints::stock).orElse(null)));
    }

    /** PUT {"price"} by the product's seller: history row and PRICE_CHANGED event in the same transaction. */
    public void changePrice(Context ctx) {
        long id = PathIds.of(ctx, "id");
        JsonBody body = bodies.read(ctx, "changePrice");
        BigDecimal price = body.requiredMoney("price");
        Products.PriceChange change;
        try {
            change = products.changePrice(actor(ctx), id, price);
        } finally {
            // after the commit (or the failure), before the answer: no later read may see the old price
            productCache.invalidate(id);
        }
        ctx.json(new PriceResponse(change.productId(), Money.format(change.oldPrice()), Money.format(change.newPrice()),
                change.currency(), change.changed()));
    }

    private static Products.Actor actor(Context ctx) {
        Principal caller = Access.principal(ctx);
        return new Products.Actor(caller.userId(), caller.isAdmin() ? null : Access.requireSellerId(ctx));
    }

    private static boolean cleared(JsonNode raw, String field) {
        return raw.has(field) && raw.get(field).isNull();
    }

    private void recordView(Context ctx, Product product, @Nullable String recommendationVariant) {
        String session = ctx.header(Clickstream.SESSION_HEADER);
        if (session == null || session.isBlank()) {
            return;
        }
        clickstream.productViewed(session.trim(), Access.shopper(ctx), product.id(), product.categoryId(), recommendationVariant);
    }

    private static Stock stock(StockSnapshot snapshot) {
        return new Stock(snapshot.onHand(), snapshot.reserved(), snapshot.available());
    }
}
