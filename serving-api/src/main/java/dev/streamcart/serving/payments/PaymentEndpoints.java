package dev.streamcart.serving.payments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.idempotency.RequestFingerprint;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.orders.OrderOwnership;
import dev.streamcart.serving.problems.Problem;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.problems.ProblemMapper;
import dev.streamcart.serving.web.JsonBody;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.Responses;
import io.javalin.http.Context;

/**
 * HTTP handler of {@code POST /api/orders/{id}/payments}. A decline is committed (the order is
 * PAYMENT_FAILED, its stock released), so its 402 problem is stored and replayed like a success.
 */
public final class PaymentEndpoints {

    public record PaymentResponse(long orderId, String status, long paymentId, String amount, String currency,
                                  String cardBrand, String cardLast4) {}

    private final ObjectMapper json;
    private final IdempotentRequests idempotent;
    private final OrderPayments payments;
    private final ProblemMapper problems;
    private final OrderOwnership ownership;

    public PaymentEndpoints(ObjectMapper json, IdempotentRequests idempotent, OrderPayments payments,
                            ProblemMapper problems, OrderOwnership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.json = Objects.requireNonNull(json, "json");
        this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    public void pay(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireBuyer(Access.principal(ctx), orderId);
        IdempotencyKey key = IdempotencyKey.required(ctx.header(IdempotencyKey.HEADER));
        JsonBody body = JsonBody.parse(json, ctx.body());
        PayOrder command = new PayOrder(orderId, body.requiredText("method", 32),
                CardNumber.parse(body.requiredText("cardNumber", 32)));
        StoredResponse response = idempotent.execute(key, "POST " + ctx.path(),
                RequestFingerprint.of(json, command.fingerprint()),
                connection -> respond(payments.pay(connection, command, key)));
        Responses.send(ctx, response);
    }

    private StoredResponse respond(PaymentOutcome outcome) {
        if (outcome instanceof PaymentOutcome.Paid paid) {
            return Responses.json(json, 201, new PaymentResponse(paid.orderId(), paid.orderStatus().name(),
                    paid.paymentId(), Money.format(paid.amount()), paid.currency(), paid.cardBrand(), paid.cardLast4()));
        }
        PaymentOutcome.Declined declined = (PaymentOutcome.Declined) outcome;
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("orderId", declined.orderId());
        extensions.put("orderStatus", declined.orderStatus().name());
        extensions.put("paymentId", declined.paymentId());
        extensions.put("reason", declined.reason().code());
        ProblemKind kind = ProblemKind.PAYMENT_DECLINED;
        Problem problem = new Problem(kind.type(), kind.title(), kind.status(),
                "payment for order " + declined.orderId() + " failed: " + declined.reason().description()
                        + "; the order's stock was released", extensions);
        return new StoredResponse(kind.status(), Problem.CONTENT_TYPE, problems.serialize(problem));
    }
}
