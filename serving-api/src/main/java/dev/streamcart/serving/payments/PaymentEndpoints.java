package dev.streamcart.serving.payments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.RequestFingerprint;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.orders.OrderOwnership;
import dev.streamcart.serving.problems.Problem;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.problems.ProblemMapper;
import dev.streamcart.serving.web.RequestBodies;
import dev.streamcart.serving.web.PathIds;
import dev.streamcart.serving.web.Responses;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * HTTP handlers of {@code POST /api/orders/{id}/payments} (pay), {@code .../payments/capture} and
 * {@code .../payments/void}. A decline or a risk block is committed (the order is PAYMENT_FAILED,
 * its stock released), so its 402 problem is stored and replayed like a success; so is the 409 of a
 * payment whose order was cancelled or expired while the provider was being asked.
 *
 * <p>The risk score and its reasons are for operators: a buyer told which signals blocked them
 * learns how to get past them. So only an admin's answer carries them ({@code riskScore} is null
 * for anyone else); they are on the payment row in every case.
 */
public final class PaymentEndpoints {

    /** A payment that went through; card fields are null for wallets and transfers, {@code accountLast4} for cards. */
    public record PaymentResponse(long orderId, String status, long paymentId, String paymentStatus, String method,
                                  String amount, String currency, @Nullable String cardBrand, @Nullable String cardLast4,
                                  @Nullable Integer cardExpMonth, @Nullable Integer cardExpYear,
                                  @Nullable String accountLast4, @Nullable Integer riskScore) {}

    /** The answer to a void: the authorisation is released and the order cancelled. */
    public record VoidResponse(long orderId, String status, String paymentStatus) {}

    private final RequestBodies bodies;
    private final ObjectMapper json;
    private final OrderPayments payments;
    private final ProblemMapper problems;
    private final OrderOwnership ownership;
    private final PaymentOutcomeCounts outcomes;

    public PaymentEndpoints(RequestBodies bodies, ObjectMapper json, OrderPayments payments,
                            ProblemMapper problems, OrderOwnership ownership, PaymentOutcomeCounts outcomes) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.json = Objects.requireNonNull(json, "json");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    public void pay(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        Principal caller = Access.principal(ctx);
        ownership.requireBuyer(caller, orderId);
        boolean operator = caller.isAdmin();
        IdempotencyKey key = IdempotencyKey.required(ctx.header(IdempotencyKey.HEADER));
        PayOrder command = PaymentRequestParser.parse(orderId, bodies.read(ctx, "payOrder"),
                ctx.header(PaymentRequestParser.DEVICE_HEADER));
        // respond runs in the completing transaction, and only for the attempt that decided (never for a replay)
        AtomicReference<@Nullable PaymentOutcome> decided = new AtomicReference<>();
        StoredResponse response = payments.pay(command, key, "POST " + ctx.path(),
                RequestFingerprint.of(json, command.fingerprint()), outcome -> {
                    decided.set(outcome);
                    return respond(outcome, operator);
                });
        @Nullable PaymentOutcome committed = decided.get();
        if (committed != null) {
            outcomes.count(committed);
        }
        Responses.send(ctx, response);
    }

    /** Captures the order's authorised payment (manual capture): the seller of its items, or an admin. */
    public void capture(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        Principal caller = Access.principal(ctx);
        ownership.requireSeller(caller, orderId);
        boolean operator = caller.isAdmin();
        StoredResponse response = payments.captureAuthorized(orderId,
                IdempotencyKey.optional(ctx.header(IdempotencyKey.HEADER)), "POST " + ctx.path(),
                RequestFingerprint.of(ctx.path()), outcome -> respond(outcome, operator));
        Responses.send(ctx, response);
    }

    /** Voids the order's authorised payment and cancels the order: its buyer, a seller of its items, or an admin. */
    public void voidAuthorization(Context ctx) {
        long orderId = PathIds.of(ctx, "id");
        ownership.requireBuyerOrSeller(Access.principal(ctx), orderId);
        StoredResponse response = payments.voidAndCancel(orderId,
                IdempotencyKey.optional(ctx.header(IdempotencyKey.HEADER)), "POST " + ctx.path(),
                RequestFingerprint.of(ctx.path()), cancelled -> Responses.json(json, 200,
                        new VoidResponse(cancelled.id(), cancelled.status().name(), PaymentRecords.VOIDED)));
        Responses.send(ctx, response);
    }

    private StoredResponse respond(PaymentOutcome outcome, boolean operator) {
        if (outcome instanceof PaymentOutcome.Accepted accepted) {
            PaymentInstrument.Stored instrument = accepted.instrument();
            return Responses.json(json, 201, new PaymentResponse(accepted.orderId(), accepted.orderStatus().name(),
                    accepted.paymentId(), accepted.paymentStatus(), accepted.method().code(), Money.format(accepted.amount()),
                    accepted.currency(), instrument.cardBrand(), instrument.cardLast4(), instrument.expMonth(),
                    instrument.expYear(), instrument.accountLast4(), operator ? accepted.riskScore() : null));
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("orderId", outcome.orderId());
        extensions.put("orderStatus", outcome.orderStatus().name());
        extensions.put("paymentId", outcome.paymentId());
        ProblemKind kind;
        String detail;
        if (outcome instanceof PaymentOutcome.Abandoned abandoned) {
            kind = ProblemKind.CONFLICT;
            detail = "order " + abandoned.orderId() + " became " + abandoned.orderStatus() + " while its payment was"
                    + " being made; nothing was charged and its authorisation is released (voided, or left to lapse at"
                    + " the provider)";
        } else if (outcome instanceof PaymentOutcome.Blocked blocked) {
            kind = ProblemKind.PAYMENT_BLOCKED;
            extensions.put("reason", OrderPayments.FRAUD_RISK);
            String why = "";
            if (operator) {
                extensions.put("riskScore", blocked.risk().score());
                extensions.put("reasons", blocked.risk().reasonCodes());
                why = " (risk score " + blocked.risk().score() + ": " + String.join(", ", blocked.risk().reasonCodes()) + ")";
            }
            detail = "payment for order " + blocked.orderId() + " was blocked by fraud checks" + why
                    + "; nothing was charged and the order's stock was released";
        } else {
            PaymentOutcome.Declined declined = (PaymentOutcome.Declined) outcome;
            kind = ProblemKind.PAYMENT_DECLINED;
            extensions.put("reason", declined.reason().code());
            detail = "payment for order " + declined.orderId() + " failed: " + declined.reason().description()
                    + "; the order's stock was released";
        }
        Problem problem = new Problem(kind.type(), kind.title(), kind.status(), detail, extensions);
        return new StoredResponse(kind.status(), Problem.CONTENT_TYPE, problems.serialize(problem));
    }
}
