package dev.streamcart.serving.alerts;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.QueryParams;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** HTTP handler of {@code GET /api/admin/order-alerts}: SLA breaches and order anomalies, newest first. */
public final class OrderAlertEndpoints {

    private final OrderAlertStore store;

    public OrderAlertEndpoints(OrderAlertStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The body: the newest alerts first. */
    public record OrderAlertList(int limit, @Nullable String kind, List<StoredOrderAlert> alerts) {}

    public void recent(Context ctx) {
        int limit = QueryParams.limitParam(ctx, StockAlertEndpoints.DEFAULT_LIMIT, StockAlertEndpoints.MAX_LIMIT);
        String kind = kind(ctx.queryParam("kind"));
        ctx.json(new OrderAlertList(limit, kind, store.recent(limit, kind)));
    }

    private static @Nullable String kind(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String kind = raw.trim().toUpperCase(Locale.ROOT);
        if (kind.equals(OrderAlertStore.SLA_BREACH) || kind.equals(OrderAlertStore.ANOMALY)) {
            return kind;
        }
        throw DomainException.invalidInput("'kind' must be SLA_BREACH or ANOMALY, was '"
                + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "'");
    }
}
