package dev.streamcart.serving.inventory;

import java.util.Objects;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/inventory}. */
public final class InventoryEndpoints {

    private final RequestBodies bodies;
    private final StockReceipts receipts;

    public InventoryEndpoints(RequestBodies bodies, StockReceipts receipts) {
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
    }

    public void receive(Context ctx) {
        JsonBody body = bodies.read(ctx, "receiveStock");
        Principal caller = Access.principal(ctx);
        Long sellerScope = caller.isAdmin() ? null : Access.requireSellerId(ctx);
        StockReceipts.Received received = receipts.receive(new StockReceipts.Receipt(
                body.requiredId("productId"), body.requiredId("warehouseId"),
                body.requiredInt("quantity"), sellerScope));
        ctx.status(201).json(received);
    }
}
