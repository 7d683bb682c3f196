package dev.streamcart.serving.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventPayload;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.payments.risk.RiskAssessment;
import dev.streamcart.serving.payments.risk.RiskScorer;
import dev.streamcart.serving.payments.risk.RiskSignalCollector;
import dev.streamcart.serving.payments.risk.RiskSignals;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Pays an order awaiting payment, in the caller's transaction (which also holds the idempotency
 * key, so a retry never charges twice): risk score first, then authorise, then (by default) capture.
 *
 * <p>Blocked by the risk score or declined by the gateway: the payment row is FAILED, the
 * reservation released, the order PAYMENT_FAILED, with its outbox event and the buyer's
 * notification, all in one commit; a block never reaches the gateway. Captured: the order is PAID
 * and keeps its reservation (shipping commits it). Gateway timeouts are retried with the same
 * reference ({@link GatewayRetry}); when every attempt times out the transaction rolls back (503,
 * the order still PENDING_PAYMENT) and a retry with the same {@code Idempotency-Key} reuses the
 * same references, so the provider never charges twice. The order row stays locked during the
 * gateway calls, so a concurrent cancel or second payment waits and then sees the new status.
 */
public final class OrderPayments {

    public static final String FRAUD_RISK = "fraud_risk";
    public static final String PAYMENT_VOIDED = "payment_voided";
    public static final String CARD_FINGERPRINT = "cardFingerprint";

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OutboxWriter outbox;
    private final ObjectMapper json;
    private final PaymentGateway gateway;
    private final GatewayRetry retry;
    private final CardFingerprints fingerprints;
    private final RiskSignalCollector signals;
    private final RiskScorer scorer;

    public OrderPayments(OrderRepository orders, StockReservations reservations, OutboxWriter outbox, ObjectMapper json,
                         PaymentGateway gateway, GatewayRetry retry, CardFingerprints fingerprints,
                         RiskSignalCollector signals, RiskScorer scorer) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.json = Objects.requireNonNull(json, "json");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    public PaymentOutcome pay(Connection connection, PayOrder request, IdempotencyKey key) throws SQLException {
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw DomainException.conflict("order " + order.id() + " is " + order.status()
                    + "; only an order awaiting payment can be paid");
        }
        if (PaymentRecords.openAuthorization(connection, order.id()).isPresent()) {
            throw DomainException.conflict("order " + order.id() + " already has an authorised payment; capture or void it");
        }
        String fingerprint = request.instrument() instanceof PaymentInstrument.Card card ? fingerprints.of(card.number()) : null;
        RiskSignals riskSignals = signals.collect(connection, order.id(), order.userId(), order.total(),
                request.deviceId(), fingerprint);
        RiskAssessment risk = scorer.assess(riskSignals);
        if (risk.blocked()) {
            long paymentId = PaymentRecords.insert(connection, order, newPayment(request, PaymentRecords.FAILED, null, null,
                    FRAUD_RISK, fingerprint, risk));
            fail(connection, order, request.method(), fingerprint, FRAUD_RISK, "Your payment for order " + order.id()
                    + " was blocked by our fraud checks (" + String.join(", ", risk.reasonCodes()) + "). Nothing was charged.");
            return new PaymentOutcome.Blocked(order.id(), paymentId, risk);
        }

        String reference = "order-" + order.id() + "/" + key.value();
        AuthorizationRequest authorizationRequest = new AuthorizationRequest(reference + ":authorize", order.id(),
                order.total(), order.currency(), request.instrument());
        GatewayRetry.Attempted<Authorization> authorized = callGateway(order, "authorisation",
                () -> gateway.authorize(authorizationRequest));
        Authorization authorization = authorized.result();
        if (authorization instanceof Authorization.Declined declined) {
            long paymentId = PaymentRecords.insert(connection, order, newPayment(request, PaymentRecords.FAILED,
                    declined.gatewayReference(), null, declined.reason().code(), fingerprint, risk));
            PaymentRecords.transaction(connection, paymentId, "AUTHORIZE", false, order.total(), order.currency(),
                    authorizationRequest.reference(), declined.gatewayReference(), authorized.attempts(), declined.reason().code());
            fail(connection, order, request.method(), fingerprint, declined.reason().code(), "Your payment for order "
                    + order.id() + " failed: " + declined.reason().description() + ". Nothing was charged.");
            return new PaymentOutcome.Declined(order.id(), paymentId, declined.reason());
        }
        Authorization.Approved approved = (Authorization.Approved) authorization;
        long paymentId = PaymentRecords.insert(connection, order, newPayment(request, PaymentRecords.AUTHORIZED,
                approved.gatewayReference(), approved.token(), null, fingerprint, risk));
        PaymentRecords.transaction(connection, paymentId, "AUTHORIZE", true, order.total(), order.currency(),
                authorizationRequest.reference(), approved.gatewayReference(), authorized.attempts(), null);
        RiskSignalCollector.rememberDevice(connection, order.userId(), request.deviceId());
        if (request.capture() == CaptureMode.MANUAL) {
            return accepted(order, paymentId, OrderStatus.PENDING_PAYMENT, PaymentRecords.AUTHORIZED, request, risk);
        }
        PaymentRecords.OpenAuthorization open = new PaymentRecords.OpenAuthorization(paymentId, order.id(), order.total(),
                order.currency(), approved.gatewayReference(), request.method().code(), fingerprint);
        // A capture that never answers rolls everything back (503). The authorisation is not voided: a
        // retry with the same Idempotency-Key gets it back from the provider (same reference) and
        // captures it; without a retry it lapses at the provider.
        capture(connection, order, open, reference + ":capture");
        return accepted(order, paymentId, OrderStatus.PAID, PaymentRecords.CAPTURED, request, risk);
    }

    /** Captures the open authorisation of an order (manual capture): the order becomes PAID. */
    public PaymentOutcome.Accepted captureAuthorized(Connection connection, long orderId) throws SQLException {
        Order order = orders.lockForUpdate(connection, orderId).orElseThrow(() -> DomainException.notFound("order", orderId));
        PaymentRecords.OpenAuthorization open = PaymentRecords.openAuthorization(connection, orderId)
                .orElseThrow(() -> DomainException.conflict("order " + orderId + " has no authorised payment to capture"));
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw DomainException.conflict("order " + orderId + " is " + order.status() + "; its authorisation cannot be captured");
        }
        capture(connection, order, open, "payment-" + open.paymentId() + ":capture");
        return new PaymentOutcome.Accepted(orderId, open.paymentId(), OrderStatus.PAID, PaymentRecords.CAPTURED,
                PaymentMethod.of(open.method()), open.amount(), open.currency(), stored(connection, open.paymentId()), 0);
    }

    /**
     * Voids the open authorisation of an order, if there is one, in the caller's transaction; used by
     * the void endpoint and when an order awaiting payment is cancelled. Returns whether one was voided.
     */
    public boolean voidOpenAuthorization(Connection connection, long orderId) throws SQLException {
        Optional<PaymentRecords.OpenAuthorization> open = PaymentRecords.openAuthorization(connection, orderId);
        if (open.isEmpty()) {
            return false;
        }
        String reference = "payment-" + open.get().paymentId() + ":void";
        GatewayRetry.Attempted<Boolean> voided = callGateway(orderId, "void", () -> {
            gateway.voidAuthorization(new VoidRequest(reference, open.get().gatewayReference()));
            return Boolean.TRUE;
        });
        PaymentRecords.markVoided(connection, open.get().paymentId());
        PaymentRecords.transaction(connection, open.get().paymentId(), "VOID", true, open.get().amount(),
                open.get().currency(), reference, null, voided.attempts(), null);
        return true;
    }

    /** Voids the order's authorisation and cancels the order (its stock goes back). */
    public Order voidAndCancel(Connection connection, long orderId) throws SQLException {
        Order order = orders.lockForUpdate(connection, orderId).orElseThrow(() -> DomainException.notFound("order", orderId));
        if (order.status() != OrderStatus.PENDING_PAYMENT || !voidOpenAuthorization(connection, orderId)) {
            throw DomainException.conflict("order " + orderId + " has no authorised payment to void");
        }
        reservations.release(connection, orderId);
        orders.updateStatus(connection, orderId, OrderStatus.CANCELLED);
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        outbox.append(connection, OrderEvents.AGGREGATE_TYPE, orderId, OrderEventType.ORDER_CANCELLED.name(),
                OrderEventPayload.of(cancelled, null, PAYMENT_VOIDED));
        return cancelled;
    }

    private void capture(Connection connection, Order order, PaymentRecords.OpenAuthorization open, String reference)
            throws SQLException {
        GatewayRetry.Attempted<String> captured = callGateway(order, "capture", () -> gateway.capture(
                new CaptureRequest(reference, open.gatewayReference(), open.amount(), open.currency())));
        PaymentRecords.markCaptured(connection, open.paymentId());
        PaymentRecords.transaction(connection, open.paymentId(), "CAPTURE", true, open.amount(), open.currency(), reference,
                captured.result(), captured.attempts(), null);
        orders.updateStatus(connection, order.id(), OrderStatus.PAID);
        appendEvent(connection, order.withStatus(OrderStatus.PAID), OrderEventType.ORDER_PAID, open.method(), null,
                open.cardFingerprint());
    }

    private void fail(Connection connection, Order order, PaymentMethod method, @Nullable String fingerprint,
                      String reason, String message) throws SQLException {
        reservations.release(connection, order.id());
        orders.updateStatus(connection, order.id(), OrderStatus.PAYMENT_FAILED);
        appendEvent(connection, order.withStatus(OrderStatus.PAYMENT_FAILED), OrderEventType.PAYMENT_FAILED, method.code(),
                reason, fingerprint);
        Notifications.record(connection, order.userId(), NotificationKind.PAYMENT_FAILED, order.id(),
                "Payment failed for order " + order.id(), message);
    }

    /** The shared order payload plus {@code cardFingerprint} (null unless a card paid). */
    private void appendEvent(Connection connection, Order order, OrderEventType type, String method,
                             @Nullable String reason, @Nullable String fingerprint) throws SQLException {
        ObjectNode payload = json.valueToTree(OrderEventPayload.of(order, method, reason));
        payload.put(CARD_FINGERPRINT, fingerprint);
        outbox.append(connection, OrderEvents.AGGREGATE_TYPE, order.id(), type.name(), payload);
    }

    private <T> GatewayRetry.Attempted<T> callGateway(Order order, String what, Supplier<T> call) {
        return callGateway(order.id(), what, call);
    }

    private <T> GatewayRetry.Attempted<T> callGateway(long orderId, String what, Supplier<T> call) {
        try {
            return retry.call(what + " of order " + orderId, call);
        } catch (GatewayRetry.GaveUp e) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("orderId", orderId);
            extensions.put("orderStatus", OrderStatus.PENDING_PAYMENT.name());
            extensions.put("attempts", e.attempts());
            extensions.put("retryable", true);
            throw new DomainException(ProblemKind.UNAVAILABLE, "the payment gateway did not answer the " + what
                    + " of order " + orderId + " after " + e.attempts() + " attempt(s); nothing was charged and the order"
                    + " still awaits payment: retry with the same Idempotency-Key", extensions);
        }
    }

    private static PaymentRecords.NewPayment newPayment(PayOrder request, String status, @Nullable String gatewayReference,
                                                        @Nullable String token, @Nullable String declineReason,
                                                        @Nullable String fingerprint, RiskAssessment risk) {
        return new PaymentRecords.NewPayment(request.method(), request.instrument().stored(), status, gatewayReference,
                token, declineReason, fingerprint, request.deviceId(), risk.score(), risk.reasonCodes());
    }

    private static PaymentOutcome.Accepted accepted(Order order, long paymentId, OrderStatus status, String paymentStatus,
                                                    PayOrder request, RiskAssessment risk) {
        return new PaymentOutcome.Accepted(order.id(), paymentId, status, paymentStatus, request.method(), order.total(),
                order.currency(), request.instrument().stored(), risk.score());
    }

    private static PaymentInstrument.Stored stored(Connection connection, long paymentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT card_brand, card_last4, card_exp_month, card_exp_year, account_last4 FROM payments WHERE id = ?""")) {
            select.setLong(1, paymentId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int month = row.getInt(3);
                Integer expMonth = row.wasNull() ? null : month;
                int year = row.getInt(4);
                Integer expYear = row.wasNull() ? null : year;
                return new PaymentInstrument.Stored(row.getString(1), row.getString(2) == null ? null : row.getString(2).trim(),
                        expMonth, expYear, row.getString(5));
            }
        }
    }
}
