package dev.streamcart.serving.inventory;

import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.web.JsonBody;
import io.javalin.http.Context;

/** HTTP handlers of {@code /api/inventory}. */
public final class InventoryEndpoints {

    private static final int MAX_RECEIPT = 1_000_000;

    private final ObjectMapper json;
    private final StockReceipts receipts;

    public InventoryEndpoints(ObjectMapper json, StockReceipts receipts) {
        this.json = Objects.requireNonNull(json, "json");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
    }

    public void receive(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Principal caller = Access.principal(ctx);
        Long sellerScope = caller.isAdmin() ? null : Access.requireSellerId(ctx);
        StockReceipts.Received received = receipts.receive(new StockReceipts.Receipt(
                body.requiredId("productId"), body.requiredId("warehouseId"),
                body.requiredPositiveInt("quantity", MAX_RECEIPT), sellerScope));
        ctx.status(201).json(received);
    }
}
