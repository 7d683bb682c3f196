package dev.streamcart.serving.catalog;

import java.util.Objects;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.stock.StockLevels;
import dev.streamcart.serving.stock.StockSnapshot;
import dev.streamcart.serving.users.EmailAddress;
import dev.streamcart.serving.web.CreatedId;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.PathIds;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** HTTP handlers of sellers, categories, warehouses and products: parse, delegate, answer. */
public final class CatalogEndpoints {

    /** A product as the storefront sees it, with live stock (null until the read model knows it). */
    public record ProductResponse(long id, long sellerId, long categoryId, String sku, String name,
                                  @Nullable String description, String price, String currency, boolean active,
                                  @Nullable Stock stock) {}

    public record Stock(int onHand, int reserved, int available) {}

    public static final String SESSION_HEADER = "X-Session-Id";
    public static final String USER_HEADER = "X-User-Id";

    private final ObjectMapper json;
    private final Sellers sellers;
    private final Categories categories;
    private final Warehouses warehouses;
    private final Products products;
    private final StockLevels stockLevels;
    private final Clickstream clickstream;

    private final LongConsumer accountChanged;

    /** {@code accountChanged} is told when an account's role changed, so cached sign-ins re-read it. */
    public CatalogEndpoints(ObjectMapper json, Sellers sellers, Categories categories, Warehouses warehouses,
                            Products products, StockLevels stockLevels, Clickstream clickstream,
                            LongConsumer accountChanged) {
        this.accountChanged = Objects.requireNonNull(accountChanged, "accountChanged");
        this.json = Objects.requireNonNull(json, "json");
        this.sellers = Objects.requireNonNull(sellers, "sellers");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.products = Objects.requireNonNull(products, "products");
        this.stockLevels = Objects.requireNonNull(stockLevels, "stockLevels");
        this.clickstream = Objects.requireNonNull(clickstream, "clickstream");
    }

    public void createSeller(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Principal caller = Access.principal(ctx);
        Long owner = caller.isAdmin() ? null : caller.userId();
        long id = sellers.create(new Sellers.NewSeller(body.requiredText("name", 255),
                new EmailAddress(body.requiredText("email", 255)), owner));
        if (owner != null) {
            accountChanged.accept(owner);
        }
        ctx.status(201).json(new CreatedId(id));
    }

    public void createCategory(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        long id = categories.create(new Categories.NewCategory(body.requiredText("name", 255), body.optionalId("parentId")));
        ctx.status(201).json(new CreatedId(id));
    }

    public void createWarehouse(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        long id = warehouses.create(new Warehouses.NewWarehouse(body.requiredText("name", 255),
                body.optionalText("region", 100)));
        ctx.status(201).json(new CreatedId(id));
    }

    public void createProduct(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Principal caller = Access.principal(ctx);
        long sellerId;
        if (caller.isAdmin()) {
            sellerId = body.requiredId("sellerId");
        } else {
            sellerId = Access.requireSellerId(ctx);
            Long named = body.optionalId("sellerId");
            if (named != null && named != sellerId) {
                throw new DomainException(ProblemKind.FORBIDDEN, "a seller creates products only for its own "
                        + "business (seller " + sellerId + "); leave 'sellerId' out");
            }
        }
        Products.NewProduct product = new Products.NewProduct(
                sellerId,
                body.requiredId("categoryId"),
                body.requiredText("sku", 100),
                body.requiredText("name", 255),
                body.optionalText("description", 10_000),
                body.requiredMoney("price"),
                CurrencyCode.parse(body.optionalText("currency", 3)));
        long id = products.create(product);
        ctx.status(201).header("Location", "/api/products/" + id).json(new CreatedId(id));
    }

    public void getProduct(Context ctx) {
        long id = PathIds.of(ctx, "id");
        Product product = products.find(id).orElseThrow(() -> DomainException.notFound("product", id));
        Stock stock = stockLevels.find(id).map(CatalogEndpoints::stock).orElse(null);
        recordView(ctx, product);
        ctx.json(new ProductResponse(product.id(), product.sellerId(), product.categoryId(), product.sku(),
                product.name(), product.description(), Money.format(product.price()), product.currency(),
                product.active(), stock));
    }

    private void recordView(Context ctx, Product product) {
        String session = ctx.header(SESSION_HEADER);
        if (session == null || session.isBlank()) {
            return;
        }
        clickstream.productViewed(session.trim(), viewer(ctx), product.id(), product.categoryId());
    }

    /**
     * Whose view this is: the signed-in customer; or, for a storefront server calling as the
     * operator on a shopper's behalf, the user named in X-User-Id. Anyone else's header is ignored,
     * so nobody can put views into another user's history.
     */
    private static @Nullable Long viewer(Context ctx) {
        Principal caller = Access.optionalPrincipal(ctx).orElse(null);
        if (caller == null) {
            return null;
        }
        return caller.isAdmin() ? userIdHeader(ctx) : Long.valueOf(caller.userId());
    }

    // A malformed user header must not fail the page view; the click is then anonymous.
    private static @Nullable Long userIdHeader(Context ctx) {
        String raw = ctx.header(USER_HEADER);
        if (raw == null) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.trim());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Stock stock(StockSnapshot snapshot) {
        return new Stock(snapshot.onHand(), snapshot.reserved(), snapshot.available());
    }
}
