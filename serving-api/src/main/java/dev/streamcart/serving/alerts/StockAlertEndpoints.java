package dev.streamcart.serving.alerts;

import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.problems.DomainException;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

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
        int limit = limit(ctx.queryParam("limit"));
        Principal caller = Access.principal(ctx);
        Long sellerId = caller.isAdmin() ? null : Access.requireSellerId(ctx);
        ctx.json(new StockAlertList(limit, store.recent(limit, sellerId)));
    }

    static int limit(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalidInput("'limit' must be an integer from 1 to " + MAX_LIMIT + ", was '" + raw + "'");
    }
}
