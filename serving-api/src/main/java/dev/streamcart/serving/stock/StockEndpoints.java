package dev.streamcart.serving.stock;

import java.util.Objects;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.web.PathIds;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/stock}. */
public final class StockEndpoints {

    private final StockLevels stockLevels;

    public StockEndpoints(StockLevels stockLevels) {
        this.stockLevels = Objects.requireNonNull(stockLevels, "stockLevels");
    }

    public void get(Context ctx) {
        long productId = PathIds.of(ctx, "productId");
        StockSnapshot snapshot = stockLevels.find(productId).orElseThrow(() -> new DomainException(
                ProblemKind.NOT_FOUND, "the stock read model has no entry for product " + productId + " (yet)"));
        ctx.json(snapshot);
    }
}
