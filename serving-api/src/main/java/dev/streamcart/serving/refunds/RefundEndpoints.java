package dev.streamcart.serving.refunds;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.RequestFingerprint;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.orders.OrderOwnership;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.Responses;
import io.javalin.http.Context;

/** HTTP handler of {@code POST /api/orders/{id}/refunds}; an {@code Idempotency-Key} is required (money moves). */
public final class RefundEndpoints {

    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final OrderRefunds refunds;
    private final OrderOwnership ownership;

    public RefundEndpoints(RequestBodies bodies, ObjectMapper json, OrderRefunds refunds, OrderOwnership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.json = Objects.requireNonNull(json, "json");
        this.refunds = Objects.requireNonNull(refunds, "refunds");
    }

    public void refund(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireSeller(Access.principal(ctx), orderId);
        IdempotencyKey key = IdempotencyKey.required(ctx.header(IdempotencyKey.HEADER));
        RefundOrder command = parse(orderId, bodies.read(ctx, "refundOrder"));
        StoredResponse response = refunds.refund(command, key, "POST " + ctx.path(), RequestFingerprint.of(json, command),
                refund -> Responses.json(json, 201, refund));
        Responses.send(ctx, response);
    }

    private static RefundOrder parse(long orderId, JsonBody body) {
        BigDecimal amount = body.has("amount") ? body.requiredMoney("amount") : null;
        if (amount != null && amount.signum() == 0) {
            throw DomainException.invalidInput("'amount' must be more than 0");
        }
        List<RefundOrder.Line> items = body.has("items")
                ? body.requiredObjects("items").stream()
                        .map(item -> new RefundOrder.Line(item.requiredId("productId"),
                                item.requiredInt("quantity")))
                        .toList()
                : List.of();
        return new RefundOrder(orderId, amount, items, body.requiredText("reason"));
    }
}
