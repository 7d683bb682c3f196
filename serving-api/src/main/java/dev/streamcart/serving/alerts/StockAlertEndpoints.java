package dev.streamcart.serving.alerts;

import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;

/**
 * HTTP handler of {@code GET /api/alerts/stock}: the dashboard's feed of stock alerts. The admin
 * sees every product's alerts; a seller only those of its own products.
 */
public final class StockAlertEndpoints {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final StockAlertStore store;

    public StockAlertEndpoints(StockAlertStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The body: the newest alerts first. */
    public record StockAlertList(int limit, List<StoredStockAlert> alerts) {}

    public void recent(Context ctx) {
        int limit = QueryParams.limitParam(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        Principal caller = Access.principal(ctx);
        Long sellerId = caller.isAdmin() ? null : Access.requireSellerId(ctx);
        ctx.json(new StockAlertList(limit, store.recent(limit, sellerId)));
    }
}
